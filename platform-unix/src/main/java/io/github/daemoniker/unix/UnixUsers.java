package io.github.daemoniker.unix;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.github.daemoniker.DaemonizeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dropping privileges: users and groups by name or id, through the system's own databases
 * (getpwnam, getgrnam: files, LDAP, whatever NSS says). glibc applies setuid, setgid and setgroups
 * to every thread of the process, which a JVM, always multi-threaded, needs. A drop is all or
 * nothing: it is checked from the kernel's own view afterwards, and a start whose drop is not
 * whole fails.
 */
final class UnixUsers {
    private UnixUsers() {
    }

    /** A user as the system knows it; {@code name} is null for an id without an entry. */
    private record Identity(String name, int uid, int gid) {
    }

    /** Refuses, before anything starts, what the daemon could not become. */
    static void check(String user, String group) {
        Identity identity = user == null ? null : identity(user);
        int gid = group == null ? -1 : gid(group);
        if (identity != null && identity.name() == null && gid == -1) {
            throw new DaemonizeException("user " + user + " has no entry in this system's user database, so it has"
                    + " no group of its own: give DaemonOptions.group (--group) too, which becomes its only group");
        }
        if (LibC.geteuid() != 0) {
            boolean sameUser = identity == null || identity.uid() == LibC.getuid();
            boolean sameGroup = gid == -1 || gid == LibC.getgid();
            if (!sameUser || !sameGroup) {
                throw new DaemonizeException("running the daemon as " + describe(user, group)
                        + " needs root: start it as root, or leave DaemonOptions.user and group unset");
            }
        }
    }

    static void runAs(String user, String group) {
        check(user, group);
        if (LibC.geteuid() != 0) {
            // the same user and group already (check said so): there is nothing to drop
            return;
        }
        Identity identity = user == null ? null : identity(user);
        int gid = group != null ? gid(group) : identity != null ? identity.gid() : -1;
        String who = describe(user, group);
        Set<Integer> groups;
        if (identity != null && identity.name() != null) {
            check(LibC.initgroups(identity.name(), gid), who, "initgroups");
            groups = groupList(identity.name(), gid);
        } else {
            check(LibC.setgroups(1, new int[] {gid}), who, "setgroups");
            groups = Set.of(gid);
        }
        check(LibC.setgid(gid), who, "setgid");
        int uid = identity != null ? identity.uid() : 0;
        if (identity != null) {
            check(LibC.setuid(uid), who, "setuid");
        }
        String wrong = whatIsNot(uid, gid, groups);
        if (wrong != null) {
            throw new DaemonizeException("the daemon could not drop its privileges to " + who + " for good: " + wrong);
        }
    }

    /**
     * What of the drop did not hold, or null: real, effective, saved and file-system ids (in every
     * thread Linux shows), exactly {@code groups}, and for a user other than root no capability
     * and no way back to root.
     */
    private static String whatIsNot(int uid, int gid, Set<Integer> groups) {
        List<String> views = new ArrayList<>();
        for (String file : new String[] {"/proc/self/status", "/proc/thread-self/status"}) {
            try {
                views.add(new String(Files.readAllBytes(Path.of(file)), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                // no /proc (macOS, a chroot without it): the calls below still tell
            }
        }
        for (String status : views) {
            String wrong = !field(status, "Uid:").equals(uid + " " + uid + " " + uid + " " + uid) ? "its user ids are "
                    + field(status, "Uid:") : !field(status, "Gid:").equals(gid + " " + gid + " " + gid + " " + gid)
                    ? "its group ids are " + field(status, "Gid:") : !numbers(field(status, "Groups:")).equals(groups)
                    ? "its groups are " + field(status, "Groups:") + ", not " + groups : null;
            for (String capabilities : new String[] {"CapPrm:", "CapEff:", "CapAmb:"}) {
                if (wrong == null && uid != 0 && !field(status, capabilities).matches("0*")) {
                    wrong = "it kept capabilities (" + capabilities + " " + field(status, capabilities) + ")";
                }
            }
            if (wrong != null) {
                return wrong;
            }
        }
        if (LibC.getuid() != uid || LibC.geteuid() != uid || LibC.getgid() != gid || LibC.getegid() != gid
                || !currentGroups().equals(groups)) {
            return "its ids are not all the ones asked for";
        }
        return uid != 0 && LibC.setuid(0) != -1 ? "it could become root again" : null;
    }

    /** The value of a line of a status file, its blanks made single spaces; "" where there is no such line. */
    private static String field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                return line.substring(name.length()).trim().replaceAll("\\s+", " ");
            }
        }
        return "";
    }

    private static Set<Integer> numbers(String list) {
        Set<Integer> numbers = new TreeSet<>();
        for (String number : list.isEmpty() ? new String[0] : list.split(" ")) {
            numbers.add(Integer.parseInt(number));
        }
        return numbers;
    }

    /** The groups initgroups gives {@code user} with {@code gid}: the database's list, gid included. */
    private static Set<Integer> groupList(String user, int gid) {
        for (int size = 64; ; size *= 8) {
            int[] groups = new int[size];
            IntByReference count = new IntByReference(size);
            int n = LibC.getgrouplist(user, gid, groups, count);
            if (n >= 0 || size > 1 << 20) {
                Set<Integer> list = new TreeSet<>();
                for (int i = 0; i < Math.max(n, 0); i++) {
                    list.add(groups[i]);
                }
                list.add(gid);
                return list;
            }
        }
    }

    private static Set<Integer> currentGroups() {
        int[] groups = new int[Math.max(LibC.getgroups(0, null), 0)];
        int n = LibC.getgroups(groups.length, groups);
        Set<Integer> list = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            list.add(groups[i]);
        }
        return list;
    }

    private static void check(int result, String who, String call) {
        if (result == -1) {
            throw new DaemonizeException("the daemon could not become " + who + ": " + call + " failed: "
                    + Errno.describe(Errno.last()));
        }
    }

    private static Identity identity(String user) {
        Pointer entry = user.matches("[0-9]+") ? LibC.getpwuid(Integer.parseInt(user)) : LibC.getpwnam(user);
        if (entry != null) {
            return new Identity(entry.getPointer(0).getString(0), entry.getInt(UnixConstants.PW_UID), entry.getInt(UnixConstants.PW_GID));
        }
        if (user.matches("[0-9]+")) {
            return new Identity(null, Integer.parseInt(user), -1);
        }
        throw new DaemonizeException("user '" + user + "' does not exist on this system: give an existing user's"
                + " name or id");
    }

    private static int gid(String group) {
        if (group.matches("[0-9]+")) {
            return Integer.parseInt(group);
        }
        Pointer entry = LibC.getgrnam(group);
        if (entry == null) {
            throw new DaemonizeException("group '" + group + "' does not exist on this system: give an existing"
                    + " group's name or id");
        }
        return entry.getInt(UnixConstants.GR_GID);
    }

    private static String describe(String user, String group) {
        return (user == null ? "" : "user " + user) + (user != null && group != null ? " and " : "")
                + (group == null ? "" : "group " + group);
    }
}
