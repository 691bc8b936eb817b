// What an uploaded file is, judged by its first bytes only: the name and the Content-Type a
// client sends are never trusted (an .exe renamed to .png is still refused).
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace skillex::server::chat {

// The MIME type of an allowed attachment (PNG, JPEG, GIF, WebP, PDF); nullopt for anything
// else.
std::optional<QString> sniffAttachmentType(const QByteArray &data);

// A file name extension for an allowed MIME type ("png"), for download names.
QString extensionFor(const QString &mime);

} // namespace skillex::server::chat
