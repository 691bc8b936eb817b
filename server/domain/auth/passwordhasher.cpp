// argon2id through libsodium's crypto_pwhash_str, which encodes the parameters into the hash.
#include "server/domain/auth/passwordhasher.h"

#include <sodium.h>

#include <stdexcept>

namespace skillex::server {

PasswordHasher::PasswordHasher(Strength strength)
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium failed to initialise");
    if (strength == Strength::Interactive) {
        m_opsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        m_memLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    } else {
        m_opsLimit = crypto_pwhash_OPSLIMIT_MODERATE;
        m_memLimit = crypto_pwhash_MEMLIMIT_MODERATE;
    }
    m_decoyHash = hash(QStringLiteral("decoy password that never matches"));
}

QString PasswordHasher::hash(const QString &password) const
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
                              m_opsLimit, m_memLimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &encodedHash, const QString &password) const
{
    const QByteArray encoded = encodedHash.toLatin1();
    if (encoded.isEmpty() || encoded.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(encoded.constData(), utf8.constData(),
                                    static_cast<unsigned long long>(utf8.size())) == 0;
}

void PasswordHasher::burnEquivalentTime(const QString &password) const
{
    (void)verify(m_decoyHash, password);
}

} // namespace skillex::server
