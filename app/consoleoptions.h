// ConsoleOptions: what the command line asked for, already checked.
#pragma once

#include "views/common/area.h"
#include "views/common/theme.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace skillex::app {

struct ConsoleOptions {
    bool demo = false;               // run a local demo server and sign in as its admin
    QUrl server;                     // sign in to this server (a profile is made for it)
    QString profile;                 // use this saved server profile
    std::optional<views::Area> view; // open this area first
    QString screenshot;              // save the first screen here as PNG and exit
    QString cacheDir;                // where cached data (and the demo database) live
    bool offline = false;            // open from the cache without contacting the server
    bool prepareOffline = false;     // sign in, sync, fetch the queue for offline, print, exit
    int offlineLimit = 200;          // cases --prepare-offline fetches at most
    std::optional<views::Theme> theme;
};

} // namespace skillex::app
