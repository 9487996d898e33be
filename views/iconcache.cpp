#include "iconcache.h"

static void initS3rdTemplates()
{
    Q_INIT_RESOURCE(resources);
}

namespace s3rd::views {

void initResources()
{
    static const bool done = [] {
        diagram::initResources();
        initS3rdTemplates();
        return true;
    }();
    (void)done;
}

} // namespace s3rd::views
