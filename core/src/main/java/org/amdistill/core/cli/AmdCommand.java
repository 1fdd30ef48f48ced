package org.amdistill.core.cli;

import java.util.concurrent.Callable;

/**
 * A command of the {@code amd} launcher. Implementations are picocli {@code @Command} classes whose
 * {@code name} is the Kaldi-style command name ({@code compute-fbank-feats}); each module lists its commands in
 * {@code META-INF/services/org.amdistill.core.cli.AmdCommand} so the launcher finds them without a central
 * registry. {@link #call()} returns the process exit status (0 success, 1 failure as in Kaldi).
 *
 * <p>Option conventions (Kaldi's): {@code --name=value}; booleans are declared with {@code arity = "0..1"} so that
 * both {@code --flag} and {@code --flag=true|false} work; {@code --config=FILE} is handled by {@link Cli}.
 */
public interface AmdCommand extends Callable<Integer> {}
