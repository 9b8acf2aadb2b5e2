package io.github.daemoniker.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A test that needs root, as CI runs the suite: it becomes another user (setpriv), enters a PID or
 * mount namespace (unshare), or mounts a file system. Run by anyone else, `./test` skips it and
 * says so, instead of failing a new user's first build.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(named = "user.name", matches = "root", disabledReason = "it needs root (another user,"
        + " a namespace or a mount), as CI runs it")
@interface NeedsRoot {
}
