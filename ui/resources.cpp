// The icon and other resources are compiled into the static attentive_ui library, where the
// linker would drop them unless something refers to them: this does.
#include <QtCore/qglobal.h>

#include "ui/theme.h"

static void initAttentiveResources() { Q_INIT_RESOURCE(resources); }

namespace attentive::ui {

void ensureResources() {
    static const bool done = [] {
        initAttentiveResources();
        return true;
    }();
    Q_UNUSED(done);
}

}  // namespace attentive::ui
