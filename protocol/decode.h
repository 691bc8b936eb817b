// Reading typed fields out of untrusted JSON, collecting one message per bad field.
#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>
#include <utility>

namespace skillex::protocol {

// The result of decoding: a value, or the reason there is none.
template <typename T>
class Decoded {
public:
    static Decoded success(T value) { return Decoded(std::move(value), {}, {}); }
    static Decoded failure(QString reason, QMap<QString, QString> fieldErrors = {})
    {
        return Decoded(std::nullopt, std::move(reason), std::move(fieldErrors));
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const QString &error() const { return m_error; }
    // Field name -> what is wrong with it, for the problem body's "errors".
    const QMap<QString, QString> &fieldErrors() const { return m_fieldErrors; }

private:
    Decoded(std::optional<T> v, QString e, QMap<QString, QString> f)
        : m_value(std::move(v))
        , m_error(std::move(e))
        , m_fieldErrors(std::move(f))
    {}
    std::optional<T> m_value;
    QString m_error;
    QMap<QString, QString> m_fieldErrors;
};

// Reads fields of one JSON object; every failed read is recorded rather than thrown,
// so a caller can report all bad fields at once.
class FieldReader {
public:
    explicit FieldReader(const QJsonObject &object);

    QString requiredString(const QString &key, int maxLength = 65536);
    std::optional<QString> optionalString(const QString &key, int maxLength = 65536);
    qint64 requiredInteger(const QString &key, qint64 min, qint64 max);
    std::optional<qint64> optionalInteger(const QString &key, qint64 min, qint64 max);
    bool optionalBool(const QString &key, bool fallback);
    QStringList optionalStringList(const QString &key, int maxItems, int maxLength = 1024);

    // Marks a field bad for a reason found by the caller (e.g. an unknown enum value).
    void fail(const QString &key, const QString &reason);
    // Refuses fields the type does not know, so typos are not silently ignored.
    void rejectUnknown(const QStringList &knownKeys);

    bool ok() const { return m_errors.isEmpty(); }
    const QMap<QString, QString> &errors() const { return m_errors; }

    template <typename T>
    Decoded<T> finish(T value) const
    {
        if (ok())
            return Decoded<T>::success(std::move(value));
        return Decoded<T>::failure(summary(), m_errors);
    }
    QString summary() const;

private:
    QJsonObject m_object;
    QMap<QString, QString> m_errors;
};

} // namespace skillex::protocol
