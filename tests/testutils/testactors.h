// People for integration tests: a member signed up through the API, or a staff account of a
// role created with the server's CLI, each signed in and ready to call with a bearer token.
#pragma once

#include "tests/testutils/testserver.h"

#include <QString>

namespace skillex::testutils {

struct Actor {
    qint64 id = 0;
    QString email;
    QString password;
    QString name;
    QString accessToken;
    QString refreshToken;

    bool isValid() const { return id > 0 && !accessToken.isEmpty(); }
};

// Registers a member (POST /api/v1/auth/register) and signs in. The email is made unique per
// call; name defaults to "Member N". An invalid Actor (id 0) when anything fails, with a
// warning saying which step.
Actor signUpMember(TestServer &server, const QString &name = {});

// Creates a staff account with one role (viewer, moderator, senior_moderator, finance, admin)
// through `skillex-server admin create-staff` and signs in. Invalid Actor on failure.
Actor signInStaff(TestServer &server, const QString &role);

// Signs in an existing account again (a second device or a fresh token). Invalid on failure.
Actor signIn(TestServer &server, const QString &email, const QString &password);

} // namespace skillex::testutils
