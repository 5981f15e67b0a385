#include "ui/window_sizing.h"

#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QScreen>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace attentive::ui {

namespace {

// The title bar and borders a window manager adds, until the window is shown and they are known.
const QSize kFrameAllowance(16, 40);

}  // namespace

QSize firstWindowSize(const QWidget* window) {
    const QSize least(1200, 780);
    const QScreen* screen = window->screen();
    if (!screen) return least;
    const QSize share = screen->availableGeometry().size() * 0.85;
    return least.expandedTo(share).boundedTo(screen->availableGeometry().size() - kFrameAllowance);
}

void keepOnScreen(QWidget* window) {
    QScreen* screen = window->screen();
    if (!screen) return;
    const QRect available = screen->availableGeometry();
    const QRect frame = window->frameGeometry();
    QSize margins = frame.size() - window->size();
    if (!window->isVisible() || margins.isEmpty()) margins = margins.expandedTo(kFrameAllowance);
    const QSize size = window->size().boundedTo((available.size() - margins).expandedTo(QSize(1, 1)));
    if (size != window->size()) window->resize(size);
    const QSize outer = size + margins;
    // move() places the frame's top left corner.
    const QPoint corner(std::clamp(frame.left(), available.left(), std::max(available.left(), available.right() - outer.width() + 1)),
                        std::clamp(frame.top(), available.top(), std::max(available.top(), available.bottom() - outer.height() + 1)));
    if (corner != frame.topLeft()) window->move(corner);
}

DockHeightShare::DockHeightShare(QMainWindow* window, QDockWidget* dock, double share, bool applyFirst)
    : QObject(window), m_window(window), m_dock(dock), m_share(share), m_applyFirst(applyFirst) {
    window->installEventFilter(this);
    dock->installEventFilter(this);
}

bool DockHeightShare::eventFilter(QObject* watched, QEvent* event) {
    // A restored geometry takes effect only when the window is shown: check it there too.
    if (watched == m_window && event->type() == QEvent::Show) keepOnScreen(m_window);
    if (event->type() != QEvent::Resize) return QObject::eventFilter(watched, event);
    if (watched == m_window) {
        if (!m_windowSize.isValid() && !m_applyFirst) {
            // The first layout: the dock is where the saved layout put it.
            m_windowSize = m_window->size();
        } else if (m_window->size() != m_windowSize) {
            m_resizing = true;
            // After the main window's layout has handled the new size.
            QTimer::singleShot(0, this, &DockHeightShare::apply);
        }
    } else if (watched == m_dock && !m_resizing && !m_dock->isFloating() &&
               m_window->size() == m_windowSize && m_window->height() > 0) {
        const Qt::DockWidgetArea area = m_window->dockWidgetArea(m_dock);
        if (area == Qt::TopDockWidgetArea || area == Qt::BottomDockWidgetArea)
            m_share = std::clamp(double(m_dock->height()) / m_window->height(), 0.1, 0.9);
    }
    return QObject::eventFilter(watched, event);
}

void DockHeightShare::apply() {
    m_resizing = false;
    m_windowSize = m_window->size();
    const Qt::DockWidgetArea area = m_window->dockWidgetArea(m_dock);
    if (m_dock->isFloating() || (area != Qt::TopDockWidgetArea && area != Qt::BottomDockWidgetArea)) return;
    m_window->resizeDocks({m_dock}, {int(std::lround(m_share * m_window->height()))}, Qt::Vertical);
}

}  // namespace attentive::ui
