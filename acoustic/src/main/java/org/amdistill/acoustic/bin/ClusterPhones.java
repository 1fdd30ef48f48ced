package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.amdistill.acoustic.tree.TreeBuilding;
import org.amdistill.acoustic.tree.TreeStats;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.dataprep.lang.LangDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's cluster-phones (with compile-questions' extra questions): phone sets for the tree's questions. */
@Command(
        name = "cluster-phones",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Questions for build-tree: phone sets from top-down clustering of the phones' tree statistics, extra questions, and "
                        + "silence against speech; one set of phone names per line: cluster-phones [options] <tree-accs> <lang-dir> <questions-out>")
public final class ClusterPhones implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPhones.class);

    @Option(
            names = "--pdf-class-list",
            description = "Pdf classes whose statistics are clustered (Kaldi's default: the middle one); empty: all")
    String pdfClassList = "1";

    @Option(
            names = "--extra-questions",
            description = "File of further questions, one set of phone names per line (Kaldi's extra_questions.txt)")
    Path extraQuestions;

    @Parameters(index = "0", paramLabel = "<tree-accs>")
    Path stats;

    @Parameters(index = "1", paramLabel = "<lang-dir>")
    Path lang;

    @Parameters(index = "2", paramLabel = "<questions-out>")
    Path out;

    @Override
    public Integer call() {
        List<List<String>> qs = TreeBuilding.questions(
                TreeStats.read(stats),
                LangDir.read(lang),
                parseClasses(pdfClassList),
                extraQuestions == null ? List.of() : TreeBuilding.readPhoneSets(extraQuestions));
        TreeBuilding.writePhoneSets(out, qs);
        LOG.info("{} questions written to {}", qs.size(), out);
        return 0;
    }

    static Set<Integer> parseClasses(String list) {
        Set<Integer> s = new TreeSet<>();
        for (String f : list.trim().split("[\\s,:]+")) {
            if (!f.isEmpty()) {
                s.add(Integer.parseInt(f));
            }
        }
        return s;
    }
}
