package io.github.daemoniker.internal;

/**
 * Where the daemon lives and as whom, in the one order the steps can be taken, by a daemon and
 * by a foreground one alike: the new root, then the working directory inside it, then the drop
 * of privileges, after which neither of the others might be allowed (a working directory only
 * root may enter is entered as root, and kept).
 */
final class Confinement {

    private Confinement() {
    }

    /** Whether the plan changes the root or the user, steps that need the native layer and may need root. */
    static boolean changesRootOrUser(DaemonPlan plan) {
        return plan.get(Option.CHROOT_DIRECTORY) != null || plan.get(Option.USER) != null
                || plan.get(Option.GROUP) != null;
    }

    static void enter(DaemonPlan plan, Platform platform) {
        if (plan.get(Option.CHROOT_DIRECTORY) != null) {
            platform.unixOnly(PlanChecks.UNIX_OPTIONS).chroot(plan.get(Option.CHROOT_DIRECTORY));
        }
        platform.relauncher().changeDirectory(plan.get(Option.CHDIR));
        if (plan.get(Option.USER) != null || plan.get(Option.GROUP) != null) {
            platform.unixOnly(PlanChecks.UNIX_OPTIONS).runAs(plan.get(Option.USER), plan.get(Option.GROUP));
        }
    }
}
