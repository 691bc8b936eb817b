// skillex-console's entry point: application identity, logging, translations, theme, then the
// composition root.
#include "app/compositionroot.h"
#include "app/consolecommandline.h"
#include "common/logging.h"
#include "protocol/version.h"
#include "resources/resources.h"
#include "views/common/theme.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTranslator>

#include <cstdio>

namespace {

// Returns the translation file used for the console's own strings, or empty for English.
QString installTranslators(QApplication &app)
{
    // Parented to the application, which outlives every window that uses them.
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtTranslator);
    auto *ownTranslator = new QTranslator(&app);
    if (ownTranslator->load(QLocale(), QStringLiteral("skillex"), QStringLiteral("_"),
                            QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(ownTranslator);
        return ownTranslator->filePath();
    }
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("skillex-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Skillex Console"));
    QApplication::setOrganizationName(QStringLiteral("Skillex"));
    QApplication::setApplicationVersion(QString::fromLatin1(skillex::protocol::kProductVersion));
    QApplication::setDesktopFileName(QStringLiteral("skillex-console"));
    skillex::resources::init();
    const QString translation = installTranslators(app);

    skillex::app::ConsoleCommandLine commandLine;
    switch (commandLine.parse(QApplication::arguments())) {
    case skillex::app::ConsoleCommandLine::Outcome::Help:
        std::fputs(qPrintable(commandLine.helpText()), stdout);
        return 0;
    case skillex::app::ConsoleCommandLine::Outcome::Version:
        std::printf("skillex-console %s\n", skillex::protocol::kProductVersion);
        return 0;
    case skillex::app::ConsoleCommandLine::Outcome::Error:
        std::fprintf(stderr, "skillex-console: %s\nTry 'skillex-console --help'.\n",
                     qPrintable(commandLine.errorText()));
        return 2;
    case skillex::app::ConsoleCommandLine::Outcome::Run:
        break;
    }
    const auto &options = commandLine.options();

    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dataDir + QStringLiteral("/logs"));
    skillex::logging::init({dataDir + QStringLiteral("/logs/skillex-console.log"),
                            qEnvironmentVariable("SKILLEX_LOG_LEVEL", QStringLiteral("info")),
                            true});
    skillex::logging::logger("app")->info("skillex-console {} starting; data in {}",
                                          skillex::protocol::kProductVersion,
                                          skillex::logging::str(dataDir));
    skillex::logging::logger("app")->info(
        "translation: {}",
        translation.isEmpty() ? std::string("none (English)") : skillex::logging::str(translation));

    const auto theme =
        options.theme.value_or(skillex::views::themeFromName(
                                   QSettings().value(QStringLiteral("appearance/theme")).toString())
                                   .value_or(skillex::views::Theme::Light));
    skillex::views::applyTheme(app, theme);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/skillex.svg")));
    // The composition root decides when the console is done (sign-in cancelled, screenshot
    // taken), not the last window closing while windows are swapped.
    QApplication::setQuitOnLastWindowClosed(false);

    skillex::app::ConsolePaths paths;
    paths.dataDir = dataDir;
    paths.cacheDir = options.cacheDir; // empty: the demo keeps its database under dataDir
    skillex::app::CompositionRoot root(options, paths);
    // Queued: start() may already finish (a bad --profile), and exit() before exec() is ignored.
    QObject::connect(
        &root, &skillex::app::CompositionRoot::finished, &app,
        [](int code) { QApplication::exit(code); }, Qt::QueuedConnection);
    root.start();
    return QApplication::exec();
}
