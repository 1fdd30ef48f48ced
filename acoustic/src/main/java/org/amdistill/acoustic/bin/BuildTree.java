package org.amdistill.acoustic.bin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amdistill.acoustic.tree.TreeBuilder;
import org.amdistill.acoustic.tree.TreeBuilding;
import org.amdistill.acoustic.tree.TreeStats;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.dataprep.lang.LangDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Kaldi's build-tree: a phonetic decision tree from tree statistics, written in Kaldi's ContextDependency text form. */
@Command(
        name = "build-tree",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Build a triphone decision tree (Kaldi's ContextDependency text form, phone ids of the lang's phones.txt): "
                        + "build-tree [options] <tree-accs> <lang-dir> <questions> <tree-out>")
public final class BuildTree implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(BuildTree.class);

    @Mixin
    TreeOptions treeOptions = new TreeOptions();

    @Parameters(index = "0", paramLabel = "<tree-accs>")
    Path stats;

    @Parameters(index = "1", paramLabel = "<lang-dir>")
    Path lang;

    @Parameters(
            index = "2",
            paramLabel = "<questions>",
            description = "One set of phone names per line (cluster-phones writes it)")
    Path questions;

    @Parameters(index = "3", paramLabel = "<tree-out>")
    Path out;

    @Override
    public Integer call() {
        LangDir l = LangDir.read(lang);
        TreeBuilder.Result r = TreeBuilding.build(
                TreeStats.read(stats),
                l,
                treeOptions.roots(l),
                TreeBuilding.readPhoneSets(questions),
                treeOptions.options(),
                "tree statistics " + stats);
        r.tree().write(out);
        LOG.info(
                "Tree with {} pdfs ({} leaves before merging) written to {}",
                r.tree().numPdfs(),
                r.leavesBeforeMerge(),
                out);
        return 0;
    }

    /** Options of build-tree that train-deltas shares. */
    public static final class TreeOptions {
        @picocli.CommandLine.Option(
                names = "--max-leaves",
                description = "Leaf budget (0: no limit but --thresh); at least the number of roots")
        public int maxLeaves = 0;

        @picocli.CommandLine.Option(names = "--thresh", description = "Least likelihood gain of a split")
        public double thresh = 300;

        @picocli.CommandLine.Option(
                names = "--cluster-thresh",
                description = "Merge leaves whose merge loses less than this; -1: the smallest split gain")
        public double clusterThresh = -1;

        @picocli.CommandLine.Option(names = "--min-count", description = "Least frames on either side of a split")
        public double minCount = 10;

        @picocli.CommandLine.Option(
                names = "--roots",
                description = "Roots file (Kaldi's roots.txt: 'shared|not-shared split|not-split phone...' "
                        + "per line, phone names); default: each phone its own shared, split root")
        public Path roots;

        public TreeBuilder.Options options() {
            TreeBuilder.Options o = new TreeBuilder.Options();
            o.maxLeaves = maxLeaves;
            o.thresh = thresh;
            o.clusterThresh = clusterThresh;
            o.minCount = minCount;
            return o;
        }

        public List<String> rootLines(LangDir lang) {
            if (roots == null) {
                return TreeBuilding.defaultRoots(lang);
            }
            try {
                return Files.readAllLines(roots);
            } catch (IOException e) {
                throw new AmdException("cannot read roots " + roots + ": " + e.getMessage());
            }
        }

        public List<TreeBuilder.Root> roots(LangDir lang) {
            return TreeBuilding.parseRoots(rootLines(lang), lang, roots == null ? "default roots" : "roots " + roots);
        }
    }
}
