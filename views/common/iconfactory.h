// IconFactory: the one-colour SVG icons, tinted to the current palette for normal and selected.
#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace skillex::views {

class IconFactory {
public:
    // An icon whose placeholder stroke is painted in normal, and in selected when selected.
    // Rendered at 1x and 2x of each size, so high-DPI screens stay sharp.
    static QIcon tinted(const QString &svgPath, const QColor &normal, const QColor &selected,
                        const QList<int> &sizes = {16, 24, 32, 48, 64});
    // Tinted with the application palette's text and highlighted-text colours.
    static QIcon forPalette(const QString &svgPath);
};

} // namespace skillex::views
