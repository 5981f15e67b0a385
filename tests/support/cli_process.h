#pragma once
// Runs the built attentive-cli as a child process, the way a user would, for end-to-end tests.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace attentive::testing {

struct CliRun {
    int exit_code = -1;  // -1: did not start, timed out or crashed (err says which)
    QString out;
    QString err;
};

// Runs attentive-cli with `arguments`, writes `input` to its stdin and closes it, waits at most
// `timeout_ms` (then kills it).
CliRun run_cli(const QStringList& arguments, const QByteArray& input = {},
               const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
               int timeout_ms = 300000);

}  // namespace attentive::testing
