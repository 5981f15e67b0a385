#include "support/cli_process.h"

#include <QProcess>

namespace attentive::testing {

CliRun run_cli(const QStringList& arguments, const QByteArray& input, const QProcessEnvironment& environment,
               int timeout_ms) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(ATTENTIVE_CLI_PATH), arguments);
    CliRun run;
    if (!process.waitForStarted(10000)) {
        run.err = QStringLiteral("did not start: ") + process.errorString();
        return run;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeout_ms)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    if (process.exitStatus() != QProcess::NormalExit) {
        run.err += QStringLiteral("\ncrashed");
        return run;
    }
    run.exit_code = process.exitCode();
    return run;
}

}  // namespace attentive::testing
