// Rendering tinted icons: the SVG's #000000 placeholder becomes the palette colour before
// rendering.
#include "views/common/iconfactory.h"

#include <QApplication>
#include <QFile>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

namespace skillex::views {

namespace {

QPixmap render(const QByteArray &svg, const QColor &color, int size, qreal ratio)
{
    QByteArray colored = svg;
    colored.replace("#000000", color.name(QColor::HexRgb).toLatin1());
    QSvgRenderer renderer(colored);
    const int pixels = qRound(size * ratio);
    QPixmap pixmap(pixels, pixels);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
    }
    pixmap.setDevicePixelRatio(ratio);
    return pixmap;
}

} // namespace

QIcon IconFactory::tinted(const QString &svgPath, const QColor &normal, const QColor &selected,
                          const QList<int> &sizes)
{
    QFile file(svgPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray svg = file.readAll();
    QIcon icon;
    for (int size : sizes) {
        for (qreal ratio : {1.0, 2.0}) {
            icon.addPixmap(render(svg, normal, size, ratio), QIcon::Normal);
            icon.addPixmap(render(svg, selected, size, ratio), QIcon::Selected);
        }
    }
    return icon;
}

QIcon IconFactory::forPalette(const QString &svgPath)
{
    const QPalette palette = QApplication::palette();
    return tinted(svgPath, palette.color(QPalette::WindowText),
                  palette.color(QPalette::HighlightedText));
}

} // namespace skillex::views
