// ConsoleCommandLine: option definitions and the checks that give a usage error a clear sentence.
#include "app/consolecommandline.h"

#include "client/api/serverurl.h"

#include <QDir>
#include <QFileInfo>

namespace skillex::app {

namespace {
const QString kDemo = QStringLiteral("demo");
const QString kServer = QStringLiteral("server");
const QString kProfile = QStringLiteral("profile");
const QString kView = QStringLiteral("view");
const QString kScreenshot = QStringLiteral("screenshot");
const QString kCacheDir = QStringLiteral("cache-dir");
const QString kOffline = QStringLiteral("offline");
const QString kPrepareOffline = QStringLiteral("prepare-offline");
const QString kOfflineLimit = QStringLiteral("offline-limit");
const QString kTheme = QStringLiteral("theme");
} // namespace

ConsoleCommandLine::ConsoleCommandLine()
{
    m_parser.setApplicationDescription(
        tr("Skillex Console: moderation, finance and taxonomy for the Skillex marketplace."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({
        {kDemo, tr("Start a local demo server with a month of simulated activity and sign in "
                   "as its admin.")},
        {kServer, tr("Sign in to the server at <url> (a server profile is created for it)."),
         tr("url")},
        {kProfile, tr("Use the saved server profile <name>."), tr("name")},
        {kView, tr("Open <area> first: dashboard, cases, users, finance, taxonomy or audit."),
         tr("area")},
        {kScreenshot,
         tr("Save the first screen (the main window at 1280x800, or the sign-in "
            "window) as a PNG <file> once it has loaded, then exit."),
         tr("file")},
        {kCacheDir, tr("Keep cached data, and the demo server's database, in <dir>."), tr("dir")},
        {kOffline, tr("Start offline, showing only what is cached.")},
        {kPrepareOffline,
         tr("Sign in (a kept session, or SKILLEX_EMAIL and SKILLEX_PASSWORD), sync, download "
            "your queue with its evidence and attachments, print a summary line and exit.")},
        {kOfflineLimit, tr("With --prepare-offline: at most <n> cases (default 200)."), tr("n")},
        {kTheme, tr("Use the light or dark <theme>."), tr("theme")},
    });
}

ConsoleCommandLine::Outcome ConsoleCommandLine::parse(const QStringList &arguments)
{
    m_options = {};
    m_error.clear();
    if (!m_parser.parse(arguments)) {
        m_error = m_parser.errorText();
        return Outcome::Error;
    }
    if (m_parser.isSet(QStringLiteral("help")))
        return Outcome::Help;
    if (m_parser.isSet(QStringLiteral("version")))
        return Outcome::Version;
    if (!m_parser.positionalArguments().isEmpty()) {
        m_error = tr("Unexpected argument: %1").arg(m_parser.positionalArguments().first());
        return Outcome::Error;
    }

    m_options.demo = m_parser.isSet(kDemo);
    m_options.offline = m_parser.isSet(kOffline);
    m_options.prepareOffline = m_parser.isSet(kPrepareOffline);
    if (m_parser.isSet(kOfflineLimit)) {
        bool ok = false;
        m_options.offlineLimit = m_parser.value(kOfflineLimit).toInt(&ok);
        if (!ok || m_options.offlineLimit < 1 || m_options.offlineLimit > 100000) {
            m_error = tr("--offline-limit: a number of cases from 1 to 100000.");
            return Outcome::Error;
        }
    }
    if (m_options.prepareOffline && (m_options.offline || m_parser.isSet(kDemo))) {
        m_error = tr("--prepare-offline needs the server: it cannot be combined with --offline "
                     "or --demo.");
        return Outcome::Error;
    }
    m_options.profile = m_parser.value(kProfile).trimmed();
    m_options.cacheDir = m_parser.value(kCacheDir);
    m_options.screenshot = m_parser.value(kScreenshot);

    if (m_parser.isSet(kServer)) {
        QString problem;
        m_options.server = client::ServerUrl::parse(m_parser.value(kServer), &problem);
        if (!problem.isEmpty()) {
            m_error = tr("--server: %1").arg(problem);
            return Outcome::Error;
        }
    }
    if (m_options.demo && (m_parser.isSet(kServer) || m_parser.isSet(kProfile))) {
        m_error =
            tr("--demo runs its own server; it cannot be combined with --server or --profile.");
        return Outcome::Error;
    }
    if (m_parser.isSet(kProfile) && m_options.profile.isEmpty()) {
        m_error = tr("--profile needs the name of a server profile.");
        return Outcome::Error;
    }
    if (m_parser.isSet(kView)) {
        m_options.view = views::areaFromKey(m_parser.value(kView));
        if (!m_options.view) {
            m_error = tr("--view: unknown area \u201c%1\u201d. Use dashboard, cases, users, "
                         "finance, taxonomy or audit.")
                          .arg(m_parser.value(kView));
            return Outcome::Error;
        }
    }
    if (m_parser.isSet(kTheme)) {
        m_options.theme = views::themeFromName(m_parser.value(kTheme));
        if (!m_options.theme) {
            m_error = tr("--theme: use light or dark.");
            return Outcome::Error;
        }
    }
    if (m_parser.isSet(kScreenshot)) {
        const QFileInfo target(m_options.screenshot);
        if (m_options.screenshot.isEmpty() || !target.absoluteDir().exists()) {
            m_error = tr("--screenshot: the folder of \u201c%1\u201d does not exist.")
                          .arg(m_options.screenshot);
            return Outcome::Error;
        }
    }
    if (m_parser.isSet(kCacheDir) && m_options.cacheDir.trimmed().isEmpty()) {
        m_error = tr("--cache-dir needs a folder.");
        return Outcome::Error;
    }
    return Outcome::Run;
}

} // namespace skillex::app
