// libFuzzer target: a conversation file's bytes through what ConversationStore::load does with
// them (QJsonDocument, then conversationFromJson with repairs, then saving it back), run by
// scripts/fuzz.sh, not CTest. Debian's Qt is not instrumented: coverage guidance sees the
// store's side only.

#include <cstddef>
#include <cstdint>

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "ui/conversation_store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) return 0;
    QString reason;
    QStringList repairs;
    const auto conversation = attentive::ui::conversationFromJson(document.object(), &reason, &repairs);
    if (!conversation) return 0;
    // What was kept must save and load back without further repairs.
    QStringList again;
    const auto reloaded =
        attentive::ui::conversationFromJson(attentive::ui::conversationToJson(*conversation), &reason, &again);
    if (!reloaded || !again.isEmpty() || reloaded->messages.size() != conversation->messages.size()) __builtin_trap();
    return 0;
}
