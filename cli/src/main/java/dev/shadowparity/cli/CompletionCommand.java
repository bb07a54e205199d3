package dev.shadowparity.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parity completion bash|zsh}: prints the shell completion script picocli generates for every command. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  source <(parity completion bash)", "  parity completion zsh > ~/.zsh/completions/_parity"},
        description = {"Prints a shell completion script for parity's commands and options.", "",
                "bash: source it, or save it under /etc/bash_completion.d. zsh: the same script, through zsh's",
                "bashcompinit (the script turns it on)."})
final class CompletionCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    String shell;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new ParityCommand.UsageException("completion: the shell is bash or zsh, got '" + shell + "'");
        }
        spec.commandLine().getOut().print(AutoComplete.bash("parity", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ParityCommand.PROMOTE;
    }
}
