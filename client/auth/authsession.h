// AuthSession: who is signed in where — sign-in, resume, refresh and sign-out around one ApiClient.
#pragma once

#include "client/api/apierror.h"
#include "protocol/auth.h"

#include <QObject>
#include <QUrl>

namespace skillex::client {

class ApiClient;
class TokenStore;

struct SignInRequest {
    QUrl server;
    QString profile; // the server profile's name; keys the kept refresh token
    QString email;
    QString password;
    bool keepSignedIn = false;
};

class AuthSession : public QObject {
    Q_OBJECT

public:
    // store may be null: then "keep me signed in" keeps nothing (the demo, tests).
    AuthSession(ApiClient *api, TokenStore *store, QObject *parent = nullptr);

    // Login, then GET /me. Ends in signedIn or signInFailed; a newer call supersedes an older one.
    void signIn(const SignInRequest &request);
    // Signs in with a refresh token kept by "keep me signed in" (no password needed).
    void resume(const QUrl &server, const QString &profile, const QString &email,
                const QString &refreshToken);
    // Forgets an unfinished sign-in; its late answers are ignored.
    void cancel();
    // Exchanges the refresh token now. Ends in refreshed or refreshFailed (and sessionExpired
    // when the server refused the token).
    void refresh();
    // Revokes the refresh token on the server (best effort) and forgets everything locally.
    void signOut();

    bool isSignedIn() const { return m_signedIn; }
    bool isBusy() const { return m_busy; }
    const protocol::Me &me() const { return m_me; }
    QString profileName() const { return m_profile; }
    QUrl server() const { return m_server; }
    ApiClient *api() const { return m_api; }

signals:
    void signingIn(const QUrl &server);
    void signedIn(const skillex::protocol::Me &me);
    void signInFailed(const skillex::client::ApiError &error);
    void refreshed();
    void refreshFailed(const skillex::client::ApiError &error);
    void signedOut();
    void sessionExpired(const skillex::client::ApiError &error);

private:
    void start(const SignInRequest &request);
    void fetchMe(quint64 attempt);
    void fail(quint64 attempt, const ApiError &error);
    void keepToken(const QString &refreshToken);
    void forgetToken();
    void onTokensRefreshed(const protocol::TokenResponse &tokens);
    void onSessionExpired(const ApiError &error);

    ApiClient *m_api = nullptr;
    TokenStore *m_store = nullptr;
    QUrl m_server;
    QString m_profile;
    QString m_email;
    bool m_keepSignedIn = false;
    bool m_signedIn = false;
    bool m_busy = false;
    quint64 m_attempt = 0; // answers of an older attempt than this are dropped
    protocol::Me m_me;
};

} // namespace skillex::client
