// AttachmentTile: decoding from the cached bytes, obscuring, and the per-file Reveal.
#include "views/cases/detail/attachmenttile.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace skillex::views {

namespace {
const QSize kBox(240, 180);
}

AttachmentTile::AttachmentTile(const CaseAttachmentInfo &info, const QByteArray &bytes,
                               QWidget *parent)
    : QFrame(parent)
    , m_info(info)
{
    setObjectName(QStringLiteral("attachmentTile"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(4);

    m_picture = new QLabel(this);
    m_picture->setObjectName(QStringLiteral("attachmentPicture"));
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setMinimumSize(kBox);
    layout->addWidget(m_picture);

    const QString name = info.fileName.isEmpty() ? info.sha256.left(12) : info.fileName;
    if (info.isImage() && !bytes.isEmpty())
        m_image = QImage::fromData(bytes);
    if (info.isImage() && !m_image.isNull()) {
        m_reveal = new QPushButton(tr("Reveal"), this);
        m_reveal->setObjectName(QStringLiteral("revealButton"));
        m_reveal->setAccessibleName(tr("Reveal image %1").arg(name));
        m_reveal->setToolTip(tr("Shows this image as it is. Other images stay hidden."));
        connect(m_reveal, &QPushButton::clicked, this, [this] {
            if (m_revealed)
                conceal();
            else
                reveal();
        });
        layout->addWidget(m_reveal);
        showImage();
    } else if (info.isImage()) {
        m_picture->setText(bytes.isEmpty() ? tr("Image not cached.\nOpen the case online once to "
                                                "keep its files.")
                                           : tr("The image cannot be decoded."));
    } else {
        m_picture->setText(
            info.contentType == QLatin1String("application/pdf")
                ? tr("PDF document%1").arg(bytes.isEmpty() ? tr("\n(not cached)") : QString())
                : info.contentType);
        m_picture->setMinimumSize(kBox.width(), 48);
    }

    auto *title = new QLabel(
        QStringLiteral("<b>%1</b> &middot; %2")
            .arg(name.toHtmlEscaped(), QLocale().formattedDataSize(info.size).toHtmlEscaped()),
        this);
    layout->addWidget(title);
    auto *hashRow = new QHBoxLayout;
    auto *hash = new QLabel(
        QStringLiteral("SHA-256 %1…%2").arg(info.sha256.left(10), info.sha256.right(6)), this);
    hash->setObjectName(QStringLiteral("attachmentHash"));
    hash->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    hash->setToolTip(info.sha256);
    hash->setTextInteractionFlags(Qt::TextSelectableByMouse);
    hashRow->addWidget(hash, 1);
    auto *copy = new QToolButton(this);
    copy->setText(tr("Copy"));
    copy->setAccessibleName(tr("Copy the SHA-256 of %1").arg(name));
    connect(copy, &QToolButton::clicked, this,
            [sha = info.sha256] { QApplication::clipboard()->setText(sha); });
    hashRow->addWidget(copy);
    layout->addLayout(hashRow);
    setAccessibleName(tr("Attachment %1").arg(name));
}

QImage AttachmentTile::obscured(const QImage &image, const QSize &box)
{
    const QImage fitted = image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    // A 12-pixel-wide thumbnail scaled back up keeps only blotches of colour: nothing legible.
    const QImage tiny = fitted.scaled(qMax(1, fitted.width() / 20), qMax(1, fitted.height() / 20),
                                      Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return tiny.scaled(fitted.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
        .convertToFormat(QImage::Format_Grayscale8);
}

void AttachmentTile::showImage()
{
    if (m_image.isNull())
        return;
    const QImage shown = m_revealed
                             ? m_image.scaled(kBox, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                             : obscured(m_image, kBox);
    m_picture->setPixmap(QPixmap::fromImage(shown));
    m_picture->setAccessibleName(m_revealed ? tr("Revealed image") : tr("Hidden image (blurred)"));
    m_reveal->setText(m_revealed ? tr("Hide again") : tr("Reveal"));
}

QPixmap AttachmentTile::shownPixmap() const
{
    return m_picture->pixmap();
}

void AttachmentTile::reveal()
{
    m_revealed = true;
    showImage();
}

void AttachmentTile::conceal()
{
    m_revealed = false;
    showImage();
}

} // namespace skillex::views
