// Password hashing with argon2id (libsodium).
#pragma once

#include <QString>

namespace skillex::server {

class PasswordHasher {
public:
    enum class Strength { Interactive, Moderate };
    explicit PasswordHasher(Strength strength = Strength::Interactive);

    // An encoded argon2id string ($argon2id$v=19$m=...$salt$hash) with a fresh random salt.
    QString hash(const QString &password) const;
    // Constant-time check of password against an encoded hash; false for malformed hashes.
    bool verify(const QString &encodedHash, const QString &password) const;
    // Verifies against a fixed hash: spends the same time as a real check, so that a login
    // for an unknown email cannot be told apart from a wrong password by its timing.
    void burnEquivalentTime(const QString &password) const;

private:
    unsigned long long m_opsLimit;
    size_t m_memLimit;
    QString m_decoyHash;
};

} // namespace skillex::server
