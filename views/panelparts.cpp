#include "panelparts.h"

#include <QLabel>

namespace s3rd::views {

QLabel *newWrappingLabel(const QString &objectName, const QString &text)
{
    auto *label = new QLabel(text);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    return label;
}

QLabel *newExplanationLabel(const QString &objectName)
{
    QLabel *label = newWrappingLabel(objectName);
    label->setTextFormat(Qt::RichText);
    label->setOpenExternalLinks(true);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    return label;
}

} // namespace s3rd::views
