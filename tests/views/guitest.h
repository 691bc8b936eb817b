// Helpers shared by the offscreen GUI tests: the console's look, and screenshots as artifacts.
#pragma once

#include "resources/resources.h"
#include "views/common/theme.h"

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QWidget>

namespace skillex::tests {

// The same style, palette, icons and sheet the executable uses, so screenshots are faithful.
inline void applyConsoleLook()
{
    skillex::resources::init();
    views::applyTheme(*qApp, views::Theme::Light);
}

// Saves widget as $SKILLEX_TEST_ARTIFACTS/<name>.png (when set), for people to look at.
// Returns false only when saving was asked for and failed.
inline bool saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("SKILLEX_TEST_ARTIFACTS");
    if (dir.isEmpty() || !widget)
        return true;
    QDir().mkpath(dir);
    QApplication::processEvents();
    return widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")), "PNG");
}

} // namespace skillex::tests
