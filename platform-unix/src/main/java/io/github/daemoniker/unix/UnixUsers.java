package io.github.daemoniker.unix;

import com.sun.jna.Pointer;
import io.github.daemoniker.DaemonizeException;

/**
 * Dropping privileges: users and groups by name or id, through the system's own databases
 * (getpwnam, getgrnam: files, LDAP, whatever NSS says). glibc applies setuid, setgid and setgroups
 * to every thread of the process, which a JVM, always multi-threaded, needs.
 */
final class UnixUsers {
    private UnixUsers() {
    }

    /** A user as the system knows it; {@code name} is null for an id without an entry. */
    private record Identity(String name, int uid, int gid) {
    }

    static void check(String user, String group) {
        Identity identity = user == null ? null : identity(user);
        int gid = group == null ? -1 : gid(group);
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
        Identity identity = user == null ? null : identity(user);
        int gid = group != null ? gid(group) : identity != null ? identity.gid() : -1;
        String who = describe(user, group);
        if (identity != null && identity.name() != null && gid != -1) {
            check(LibC.initgroups(identity.name(), gid), who, "initgroups");
        } else if (gid != -1) {
            check(LibC.setgroups(1, new int[] {gid}), who, "setgroups");
        }
        if (gid != -1) {
            check(LibC.setgid(gid), who, "setgid");
        }
        if (identity != null) {
            check(LibC.setuid(identity.uid()), who, "setuid");
            // a dropped user must not be able to come back
            if (LibC.getuid() != identity.uid() || LibC.geteuid() != identity.uid()
                    || identity.uid() != 0 && LibC.setuid(0) != -1) {
                throw new DaemonizeException("the daemon could not drop its privileges to " + who + " for good");
            }
        }
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
