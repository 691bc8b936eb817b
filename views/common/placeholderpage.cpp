// PlaceholderPage: icon, title and one paragraph, centred, readable at 1280x800 and up.
#include "views/common/placeholderpage.h"

#include "views/common/iconfactory.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace skillex::views {

PlaceholderPage::PlaceholderPage(Area area, QWidget *parent)
    : QWidget(parent)
    , m_area(area)
{
    setObjectName(QStringLiteral("placeholder-%1").arg(areaKey(area)));

    const QColor muted = QApplication::palette().color(QPalette::PlaceholderText);
    auto *icon = new QLabel(this);
    icon->setPixmap(IconFactory::tinted(areaIconPath(area), muted, muted).pixmap(64, 64));
    icon->setAlignment(Qt::AlignHCenter);

    auto *title = new QLabel(areaLabel(area), this);
    title->setObjectName(QStringLiteral("placeholderTitle"));
    title->setAlignment(Qt::AlignHCenter);

    auto *text = new QLabel(areaDescription(area), this);
    text->setObjectName(QStringLiteral("placeholderText"));
    text->setAlignment(Qt::AlignHCenter);
    text->setWordWrap(true);
    text->setMaximumWidth(560);

    auto *note = new QLabel(tr("This area is not built yet."), this);
    note->setObjectName(QStringLiteral("placeholderNote"));
    note->setAlignment(Qt::AlignHCenter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 48, 48, 48);
    layout->setSpacing(12);
    layout->addStretch(2);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addSpacing(4);
    layout->addWidget(title, 0, Qt::AlignHCenter);
    // Centred between stretches rather than with an alignment flag: with a flag, the layout
    // gives the label its one-line sizeHint height instead of asking heightForWidth, and the
    // paragraph is cut off after the first line.
    auto *textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(text, 100);
    textRow->addStretch(1);
    layout->addLayout(textRow);
    layout->addWidget(note, 0, Qt::AlignHCenter);
    layout->addStretch(3);
}

} // namespace skillex::views
