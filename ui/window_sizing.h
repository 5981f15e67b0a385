#pragma once
// Window and dock sizes that suit the screen: the main window never opens larger than the
// screen's free area, and the attention dock keeps its share of the window's height as the
// window is resized (the share the user last chose, or a default).

#include <QObject>
#include <QSize>

class QDockWidget;
class QMainWindow;
class QWidget;

namespace attentive::ui {

// The size a window opens at the first time: 1200×780, or about 85% of a larger screen's free
// area (on a 1920×1080 screen the attention map then gets room for a long sentence), never more
// than the screen has.
QSize firstWindowSize(const QWidget* window);

// Shrinks `window` to fit the available geometry of its screen (without the task bars) and
// moves it fully onto it. Call after resize() and after restoreGeometry().
void keepOnScreen(QWidget* window);

// Keeps a top or bottom dock at a share of its window's height. A change of the dock's height
// while the window keeps its size (the user dragging the splitter, or a restored layout) sets the
// share; a change of the window's size applies it. It also keeps the window on screen when it is
// shown (a restored geometry applies only then). With `applyFirst`, the share is also applied
// when the window is first laid out (there was no saved layout to keep).
class DockHeightShare : public QObject {
    Q_OBJECT
public:
    DockHeightShare(QMainWindow* window, QDockWidget* dock, double share, bool applyFirst);
    double share() const { return m_share; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void apply();

    QMainWindow* m_window;
    QDockWidget* m_dock;
    double m_share;
    QSize m_windowSize;        // the size the share was last applied or measured at
    bool m_resizing = false;   // the window changed size and the share is not applied yet
    bool m_applyFirst;
};

}  // namespace attentive::ui
