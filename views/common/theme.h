// Theme: Fusion with a calm light or dark palette and the console's style sheet.
#pragma once

#include <QPalette>
#include <QString>

#include <optional>

class QApplication;

namespace skillex::views {

enum class Theme { Light, Dark };

std::optional<Theme> themeFromName(const QString &name);
QPalette themePalette(Theme theme);
// Sets the Fusion style, the palette and :/styles/console.qss on app.
void applyTheme(QApplication &app, Theme theme);

} // namespace skillex::views
