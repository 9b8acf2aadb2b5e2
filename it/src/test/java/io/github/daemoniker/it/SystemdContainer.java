package io.github.daemoniker.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's systemd, for real, as PID 1 of namespaces of its own (PID, mount, UTS, IPC, network,
 * cgroup), started from a cgroup of its own: mounts made private, tmpfs on {@code /run},
 * {@code /tmp}, {@code /var/tmp} and {@code /sys/fs/cgroup} (the host's hierarchies mounted again
 * there: the named {@code systemd} one and cgroup2 on a hybrid host, cgroup2 alone on a unified
 * one), {@code /proc/sys} read-only, {@code /dev/console} bound to the null device (as PID 1 it
 * logs to the console, which would otherwise be the machine's), {@code container=} set, and
 * {@code SYSTEMD_UNIT_PATH} naming a directory that holds only the test's units and the stub
 * targets they need. Driven with {@code nsenter … systemctl}; ended by SIGKILL to its PID 1, its
 * cgroup removed. Its files must live outside {@code /tmp}, which it does not share.
 */
final class SystemdContainer implements AutoCloseable {
    private static final Path SYSTEMD = Path.of("/lib/systemd/systemd");
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final Path NAMED = CGROUPS.resolve("systemd");
    private static final List<String> STUB_TARGETS = List.of("default.target", "sysinit.target", "basic.target",
            "shutdown.target", "multi-user.target", "network-online.target", "local-fs.target", "swap.target",
            "umount.target", "local-fs-pre.target", "timers.target", "sockets.target", "paths.target");
    private static final String BOOT = String.join("\n",
            "set -e",
            "units=$1 mode=$2; shift 2",
            "mount --make-rprivate /",
            "mount -t tmpfs tmpfs /run",
            // what the tests share with it and sits in a temporary directory (a build there) is
            // kept in view: bound aside before the tmpfs covers it, and bound back at its own path
            "n=0; for shared in \"$@\"; do n=$((n+1)); mkdir -p /run/shared/$n; mount --bind \"$shared\" /run/shared/$n; done",
            "mount -t tmpfs tmpfs /tmp",
            "mount -t tmpfs tmpfs /var/tmp",
            "n=0; for shared in \"$@\"; do n=$((n+1)); mkdir -p \"$shared\"; mount --bind /run/shared/$n \"$shared\"; done",
            "if [ \"$mode\" = hybrid ]; then",
            "  mount -t tmpfs tmpfs /sys/fs/cgroup",
            "  mkdir -p /sys/fs/cgroup/systemd /sys/fs/cgroup/unified",
            "  mount -t cgroup -o none,name=systemd cgroup /sys/fs/cgroup/systemd",
            "  mount -t cgroup2 cgroup2 /sys/fs/cgroup/unified",
            "else",
            "  mount -t cgroup2 cgroup2 /sys/fs/cgroup",
            "fi",
            "mount --bind /proc/sys /proc/sys",
            "mount -o remount,bind,ro /proc/sys",
            "mount --bind /dev/null /dev/console",
            "export container=daemoniker-it SYSTEMD_UNIT_PATH=\"$units\"",
            "exec " + SYSTEMD, "");

    private final Path cgroup;
    private final Process unshare;
    private final long pid1;
    final Path units;

    private SystemdContainer(Path cgroup, Process unshare, long pid1, Path units) {
        this.cgroup = cgroup;
        this.unshare = unshare;
        this.pid1 = pid1;
        this.units = units;
    }

    /** Why systemd cannot be booted here, or empty where it can. */
    static Optional<String> whyNot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("booting systemd in namespaces needs root, as CI runs the suite");
        }
        if (!Files.isExecutable(SYSTEMD) || !Files.isExecutable(Path.of("/usr/bin/nsenter"))) {
            return Optional.of("Debian's systemd (and util-linux's nsenter) are not installed (.ci/run installs them)");
        }
        if (!Files.isWritable(Files.isDirectory(NAMED) ? NAMED : CGROUPS)) {
            return Optional.of("no cgroup hierarchy to give systemd one of its own in (" + CGROUPS + " is not writable)");
        }
        return Optional.empty();
    }

    /**
     * Skips the calling test class where systemd cannot boot, saying why — except in CI as root
     * (this project's CI), where it must run: there it fails.
     */
    static void requireBootable() {
        Optional<String> whyNot = whyNot();
        if (whyNot.isPresent() && "true".equals(System.getenv("CI")) && "root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("CI must boot systemd, and cannot: " + whyNot.get());
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(whyNot.isEmpty(), () -> whyNot.orElse(""));
    }

    /**
     * Boots systemd on a unit directory of its own under {@code directory}, which must be inside
     * one of the {@code shared} directories: those it sees as they are, even where they are in a
     * temporary directory that it does not share.
     */
    static SystemdContainer boot(Path directory, List<Path> shared) throws IOException {
        Path units = Files.createDirectories(directory.resolve("units"));
        for (String target : STUB_TARGETS) {
            Files.writeString(units.resolve(target), "[Unit]\nDescription=" + target + " (a stub of the test's)\n");
        }
        Path script = Files.writeString(directory.resolve("boot.sh"), BOOT);
        boolean hybrid = Files.isDirectory(NAMED);
        Path cgroup = Files.createDirectories((hybrid ? NAMED : CGROUPS).resolve("daemoniker-it-"
                + ProcessHandle.current().pid() + "-" + System.nanoTime()));
        List<String> command = new ArrayList<>(List.of("sh", "-c", "echo $$ > \"$1/cgroup.procs\" && shift && exec"
                + " unshare --pid --fork --mount --uts --ipc --net --cgroup --mount-proc sh \"$@\"", "sh",
                cgroup.toString(), script.toString(), units.toString(), hybrid ? "hybrid" : "unified"));
        shared.forEach(path -> command.add(path.toAbsolutePath().toString()));
        Process unshare = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("boot.log").toFile()).start();
        long pid1 = await("systemd to be started by unshare").atMost(Duration.ofSeconds(30)).until(
                () -> unshare.children().map(ProcessHandle::pid).findFirst().orElse(0L), pid -> pid > 0 || !unshare.isAlive());
        SystemdContainer container = new SystemdContainer(cgroup, unshare, pid1, units);
        try {
            if (pid1 == 0) {
                throw new AssertionError("systemd did not start: " + Files.readString(directory.resolve("boot.log")));
            }
            await("systemd to run").atMost(Duration.ofSeconds(60)).until(
                    () -> List.of("running", "degraded").contains(container.systemctl("is-system-running").strip()));
        } catch (RuntimeException | AssertionError e) {
            container.close();
            throw e;
        }
        return container;
    }

    /** {@code command} run inside the container's namespaces; what it printed (stdout and stderr). */
    String inside(List<String> command) {
        List<String> all = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid1), "-m", "-p", "-n", "-u", "-i"));
        all.addAll(command);
        try {
            Process process = new ProcessBuilder(all).redirectErrorStream(true).start();
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return said;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String systemctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("systemctl"));
        command.addAll(List.of(arguments));
        return inside(command);
    }

    /** A property of a unit, as systemctl show gives it. */
    String property(String unit, String name) {
        return systemctl("show", "-p", name, "--value", unit).strip();
    }

    /** Writes {@code text} as the unit {@code name} and makes systemd read it. */
    void install(String name, String text) throws IOException {
        Files.writeString(units.resolve(name), text);
        systemctl("daemon-reload");
    }

    @Override
    public void close() {
        ProcessHandle.of(pid1).ifPresent(ProcessHandle::destroyForcibly);
        unshare.destroyForcibly();
        try {
            unshare.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        await("the container's cgroup to empty").atMost(Duration.ofSeconds(30)).until(this::removeCgroup);
    }

    /** Removes the container's cgroup, deepest first; whether it is gone. */
    private boolean removeCgroup() throws IOException {
        if (!Files.exists(cgroup)) {
            return true;
        }
        try (Stream<Path> tree = Files.walk(cgroup)) {
            for (Path group : tree.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(group);
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
