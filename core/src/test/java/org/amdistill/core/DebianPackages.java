package org.amdistill.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a Debian package: without it they are skipped with a message naming the package, so that
 * {@code mvn verify} passes on a machine with only a JDK and Maven. Where every package was installed (.ci/run sets
 * {@value #REQUIRE_ENV}=true after installing them) a missing one is a failure instead, so that nothing is skipped
 * there for that reason. {@value #ABSENT_ENV} (a comma-separated list of packages) makes installed packages count as
 * missing, to check on a provisioned machine what a fresh one does: skip those tests and pass.
 */
public final class DebianPackages {
    /** Set to true by .ci/run once it has installed every Debian package the tests use. */
    public static final String REQUIRE_ENV = "AMD_REQUIRE_DEBIAN_PACKAGES";

    /** Packages to treat as missing although installed (comma-separated), as on a machine with only a JDK and Maven. */
    public static final String ABSENT_ENV = "AMD_ABSENT_DEBIAN_PACKAGES";

    private DebianPackages() {}

    /** Skips (or, under {@value #REQUIRE_ENV}, fails) the calling test unless {@code installed}; {@code why} says what it is needed for. */
    public static void assume(boolean installed, String debianPackage, String why) {
        String absent = System.getenv(ABSENT_ENV);
        boolean hidden = absent != null
                && java.util.Arrays.stream(absent.split("[, ]+"))
                        .filter(p -> !p.isEmpty())
                        .anyMatch(debianPackage::contains);
        if (installed && !hidden) {
            return;
        }
        String message = "the Debian package " + debianPackage + " is not installed (" + why + ")";
        if ("true".equals(System.getenv(REQUIRE_ENV))) {
            fail(message + ", though " + REQUIRE_ENV + "=true says every package was installed");
        }
        Assumptions.abort(message + ": skipped");
    }

    /** Whether {@code program} is an executable on the PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
