package io.github.daemoniker.unix;

import io.github.daemoniker.Signal;
import io.github.daemoniker.internal.DaemonChannels;
import io.github.daemoniker.internal.DaemonPlan;
import io.github.daemoniker.internal.DaemonSwitch;
import io.github.daemoniker.internal.JdkPidFile;
import io.github.daemoniker.internal.LaunchCommand;
import io.github.daemoniker.internal.Launched;
import io.github.daemoniker.internal.OpenPidFile;
import io.github.daemoniker.internal.Platform;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Linux and macOS: posix_spawn, pipes and POSIX record locks, through JNA onto libc. */
public final class UnixPlatform implements Platform {
    /** The kernel's list of this process's descriptors, each a link to what it has open. */
    private static final boolean MAC = System.getProperty("os.name").startsWith("Mac");
    private static final Path DESCRIPTORS = Path.of(MAC ? "/dev/fd" : "/proc/self/fd");

    @Override
    public LaunchCommand currentCommand() {
        return UnixCommandLine.current();
    }

    @Override
    public Launched launch(LaunchCommand command, String token, DaemonPlan plan, OpenPidFile lockedPidFile) {
        return UnixLauncher.launch(command, token, plan, lockedPidFile);
    }

    /** Linux: an open-file-description lock passes to the relaunched process with its descriptor. */
    @Override
    public boolean handsPidFileLockOver() {
        return !MAC;
    }

    @Override
    public OpenPidFile openPidFile(Path path, boolean create) throws IOException {
        return MAC ? JdkPidFile.open(path, create) : UnixPidFile.open(path, create);
    }

    /**
     * The spec is "handOffFd,readinessFd[,pidFileFd]": pipes this process inherited, opened again
     * in Java, and on Linux the pid file its original process locked for it.
     */
    @Override
    public DaemonChannels attach(String channelSpec) {
        int[] fds = parse(channelSpec);
        for (int fd : new int[] {fds[0], fds[1]}) {
            if (!isPipe(fd)) {
                throw stray(channelSpec, "descriptor " + fd + " is not a pipe from the original process");
            }
        }
        OpenPidFile pidFile = null;
        try {
            if (fds.length == 3) {
                pidFile = UnixPidFile.inherited(DESCRIPTORS.resolve(Integer.toString(fds[2])), fds[2]);
            }
            return new DaemonChannels(new FileInputStream(DESCRIPTORS.resolve(Integer.toString(fds[0])).toFile()),
                    new FileOutputStream(DESCRIPTORS.resolve(Integer.toString(fds[1])).toFile()), pidFile);
        } catch (IOException e) {
            throw stray(channelSpec, "its channels cannot be opened: " + e.getMessage());
        }
    }

    private static int[] parse(String channelSpec) {
        long[] numbers = DaemonSwitch.channelNumbers(channelSpec);
        int[] fds = new int[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] > Integer.MAX_VALUE) {
                throw stray(channelSpec, "its channels '" + channelSpec + "' are not descriptors");
            }
            fds[i] = (int) numbers[i];
        }
        return fds;
    }

    private static RuntimeException stray(String channelSpec, String why) {
        return new DaemonSwitch("", channelSpec).stray(why);
    }

    private static boolean isPipe(int fd) {
        try {
            return Files.readAttributes(DESCRIPTORS.resolve(Integer.toString(fd)), BasicFileAttributes.class).isOther();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void warmUp() {
        LibC.load();
        UnixPidFile.class.getName();
    }

    /** Through the kernel's list of the process's descriptors; on macOS, for this process only. */
    @Override
    public boolean hasOpen(long pid, Path path) {
        Object wanted;
        try {
            wanted = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return false;
        }
        Path descriptors = pid == ProcessHandle.current().pid() ? DESCRIPTORS : Path.of("/proc", Long.toString(pid), "fd");
        String[] fds = descriptors.toFile().list();
        for (String fd : fds == null ? new String[0] : fds) {
            try {
                File open = descriptors.resolve(fd).toFile();
                if (Objects.equals(wanted, Files.readAttributes(open.toPath(), BasicFileAttributes.class).fileKey())) {
                    return true;
                }
            } catch (IOException e) {
                // closed since the listing
            }
        }
        return false;
    }

    /** Linux: every process this user may look at, through /proc; -1 on macOS. */
    @Override
    public long otherProcessWithOpen(Path path, long except) {
        String[] entries = MAC ? null : new File("/proc").list();
        for (String entry : entries == null ? new String[0] : entries) {
            long pid = entry.matches("[0-9]+") ? Long.parseLong(entry) : except;
            if (pid != except && hasOpen(pid, path)) {
                return pid;
            }
        }
        return -1;
    }

    @Override
    public long startProgram(List<String> command, DaemonPlan plan, OpenPidFile lockedPidFile) {
        return UnixProgramStarter.start(command, plan, lockedPidFile);
    }

    @Override
    public void settle(DaemonPlan plan, String channelSpec) {
        UnixDaemonSetup.settle(plan, parse(channelSpec));
    }

    @Override
    public Runnable handleSignal(Path pidFile, Signal signal, Consumer<Signal> sink) {
        return UnixSignals.handle(signal, sink);
    }

    @Override
    public void sendSignal(long pid, Path pidFile, Signal signal, BooleanSupplier stillTheSame) {
        UnixSignals.send(pid, signal.name(), signal.number(), stillTheSame);
    }

    @Override
    public void kill(long pid, BooleanSupplier stillTheSame) {
        UnixSignals.send(pid, "SIGKILL", UnixConstants.SIGKILL, stillTheSame);
    }

    @Override
    public void chroot(Path directory) {
        if (LibC.chroot(directory.toString()) == -1 || LibC.chdir("/") == -1) {
            throw Errno.failure("the daemon could not make " + directory + " its root directory", Errno.last());
        }
    }

    @Override
    public void checkRunAs(String user, String group) {
        UnixUsers.check(user, group);
    }

    @Override
    public void runAs(String user, String group) {
        UnixUsers.runAs(user, group);
    }

    /** Linux: the state in /proc, where a zombie is "Z"; elsewhere the JDK's view. */
    @Override
    public boolean isRunning(long pid) {
        if (!DESCRIPTORS.startsWith("/proc")) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void settleForeground(DaemonPlan plan) {
        UnixDaemonSetup.foreground(plan);
    }

    @Override
    public void sendDatagram(String socket, byte[] message) {
        UnixDatagram.send(socket, message);
    }

}
