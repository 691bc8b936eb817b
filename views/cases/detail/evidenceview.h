// EvidenceView: the case's evidence as the member saw it, from the cache only — each snapshot
// (transcript, profile then and now, session, review) and its files as AttachmentTiles.
#pragma once

#include "views/cases/detail/casedetaildata.h"

#include <QScrollArea>

namespace skillex::client {
class CacheReader;
}

namespace skillex::views {

class AttachmentTile;

class EvidenceView : public QScrollArea {
    Q_OBJECT

public:
    explicit EvidenceView(QWidget *parent = nullptr);

    // currentProfile: the member's profile now, when the cache holds their file.
    void showCase(const CaseDetailData &data, client::CacheReader &reader,
                  const QJsonObject &currentProfile);
    void clear(const QString &message);
    QList<AttachmentTile *> tiles() const;

private:
    QWidget *m_content = nullptr;
    qint64 m_caseId = 0;
    QString
        m_shownKey; // what is on screen (case, detail time, cached files): re-render only on change
};

} // namespace skillex::views
