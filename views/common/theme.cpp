// The two palettes. Colours are chosen for long shifts: low-glare greys, one blue accent.
#include "views/common/theme.h"

#include <QApplication>
#include <QFile>
#include <QStyleFactory>

namespace skillex::views {

namespace {

struct Colors {
    QColor window, windowText, base, alternateBase, text, button, buttonText, highlight,
        highlightedText, link, placeholder, disabledText, light, midlight, mid, dark, shadow,
        toolTipBase, toolTipText;
};

QPalette build(const Colors &c)
{
    QPalette p;
    p.setColor(QPalette::Window, c.window);
    p.setColor(QPalette::WindowText, c.windowText);
    p.setColor(QPalette::Base, c.base);
    p.setColor(QPalette::AlternateBase, c.alternateBase);
    p.setColor(QPalette::Text, c.text);
    p.setColor(QPalette::Button, c.button);
    p.setColor(QPalette::ButtonText, c.buttonText);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, c.highlight);
    p.setColor(QPalette::HighlightedText, c.highlightedText);
    p.setColor(QPalette::Link, c.link);
    p.setColor(QPalette::LinkVisited, c.link);
    p.setColor(QPalette::PlaceholderText, c.placeholder);
    p.setColor(QPalette::Light, c.light);
    p.setColor(QPalette::Midlight, c.midlight);
    p.setColor(QPalette::Mid, c.mid);
    p.setColor(QPalette::Dark, c.dark);
    p.setColor(QPalette::Shadow, c.shadow);
    p.setColor(QPalette::ToolTipBase, c.toolTipBase);
    p.setColor(QPalette::ToolTipText, c.toolTipText);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, c.disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, c.mid);
    return p;
}

} // namespace

std::optional<Theme> themeFromName(const QString &name)
{
    const QString key = name.trimmed().toLower();
    if (key == QLatin1String("light"))
        return Theme::Light;
    if (key == QLatin1String("dark"))
        return Theme::Dark;
    return std::nullopt;
}

QPalette themePalette(Theme theme)
{
    if (theme == Theme::Dark) {
        return build({QColor(0x1f, 0x22, 0x26), QColor(0xe6, 0xe8, 0xeb), QColor(0x17, 0x19, 0x1c),
                      QColor(0x26, 0x29, 0x2e), QColor(0xe6, 0xe8, 0xeb), QColor(0x2b, 0x2f, 0x35),
                      QColor(0xe6, 0xe8, 0xeb), QColor(0x3d, 0x7b, 0xe0), QColor(0xff, 0xff, 0xff),
                      QColor(0x7a, 0xa8, 0xf5), QColor(0x80, 0x87, 0x90), QColor(0x6b, 0x71, 0x78),
                      QColor(0x3a, 0x3f, 0x46), QColor(0x31, 0x35, 0x3b), QColor(0x3a, 0x3f, 0x46),
                      QColor(0x12, 0x14, 0x16), QColor(0x00, 0x00, 0x00), QColor(0xe6, 0xe8, 0xeb),
                      QColor(0x1f, 0x22, 0x26)});
    }
    return build({QColor(0xf5, 0xf6, 0xf8), QColor(0x1f, 0x23, 0x28), QColor(0xff, 0xff, 0xff),
                  QColor(0xee, 0xf0, 0xf3), QColor(0x1f, 0x23, 0x28), QColor(0xf3, 0xf4, 0xf6),
                  QColor(0x1f, 0x23, 0x28), QColor(0x2f, 0x6f, 0xdb), QColor(0xff, 0xff, 0xff),
                  QColor(0x2f, 0x6f, 0xdb), QColor(0x6b, 0x73, 0x7d), QColor(0x9a, 0xa1, 0xa9),
                  QColor(0xff, 0xff, 0xff), QColor(0xe3, 0xe6, 0xea), QColor(0xd5, 0xd9, 0xde),
                  QColor(0xa0, 0xa6, 0xad), QColor(0x6b, 0x73, 0x7d), QColor(0x1f, 0x23, 0x28),
                  QColor(0xff, 0xff, 0xff)});
}

void applyTheme(QApplication &app, Theme theme)
{
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    app.setPalette(themePalette(theme));
    QFile sheet(QStringLiteral(":/styles/console.qss"));
    if (sheet.open(QIODevice::ReadOnly))
        app.setStyleSheet(QString::fromUtf8(sheet.readAll()));
}

} // namespace skillex::views
