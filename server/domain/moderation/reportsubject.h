// What a report is about, and whether the reporter may report it: the subject must exist and
// be something the reporter could see, and it must not be the reporter themself.
#pragma once

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace skillex::server::moderation {

struct SubjectRef {
    QString type; // user, message, session, review, listing
    qint64 id = 0;

    QJsonObject toJson() const;
};

struct ResolvedSubject {
    SubjectRef ref;
    std::optional<qint64> userId; // the member the case will be about
};

// Throws DomainError 404 when the subject does not exist or the reporter cannot see it (the
// same answer, so reports cannot probe for hidden things), 400 when it is the reporter's own.
//   user: a member account; message: in a conversation the reporter is in; session: one the
//   reporter booked; review: not deleted, and not hidden unless it is about the reporter;
//   listing: a session offer that is not hidden.
ResolvedSubject resolveReportSubject(QSqlDatabase &tx, qint64 reporterId, const SubjectRef &ref);

} // namespace skillex::server::moderation
