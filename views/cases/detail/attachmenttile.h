// AttachmentTile: one evidence file. An image is shown blurred and greyscale until the moderator
// presses Reveal (one by one, never all at once); a PDF is listed. Each with its size and SHA-256
// (shortened, the whole hash on hover and copy).
#pragma once

#include "views/cases/detail/casedetaildata.h"

#include <QFrame>
#include <QImage>

class QLabel;
class QPushButton;

namespace skillex::views {

class AttachmentTile : public QFrame {
    Q_OBJECT

public:
    // bytes empty: not cached (offline before the case was ever opened online).
    AttachmentTile(const CaseAttachmentInfo &info, const QByteArray &bytes,
                   QWidget *parent = nullptr);

    QString sha256() const { return m_info.sha256; }
    bool isRevealed() const { return m_revealed; }
    // What the tile shows now (blurred or revealed); null for a PDF or missing bytes.
    QPixmap shownPixmap() const;

    // The obscured image: blurred (down- and up-scaled) and greyscale, so nothing is legible.
    static QImage obscured(const QImage &image, const QSize &box);

public slots:
    void reveal();
    void conceal();

private:
    void showImage();

    CaseAttachmentInfo m_info;
    QImage m_image;
    bool m_revealed = false;
    QLabel *m_picture = nullptr;
    QPushButton *m_reveal = nullptr;
};

} // namespace skillex::views
