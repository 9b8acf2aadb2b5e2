package io.github.daemoniker.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

/**
 * The layouts of the Win32 structures declared here, checked against the sizes Windows' headers
 * give (x64, and x86): JNA computes them the same way on every system, so a wrong field shows
 * here and not first on Windows.
 */
class Win32TypesTest {
    private static final boolean X64 = Native.POINTER_SIZE == 8;

    @Test
    void startupInfoExIsStartupInfoWAndAPointerAndSaysSo() {
        Win32Types.StartupInfoEx startup = new Win32Types.StartupInfoEx();
        assertEquals(X64 ? 112 : 72, startup.size());
        assertEquals(startup.size(), startup.startupInfo.cb.intValue());
    }

    @Test
    void jobLimitsIsTheExtendedLimitInformation() {
        Win32Types.JobLimits limits = new Win32Types.JobLimits();
        assertEquals(X64 ? 144 : 112, limits.size());
        limits.limitFlags = 0x2000;
        limits.write();
        assertEquals(0x2000, limits.getPointer().getInt(16), "LimitFlags follows the two LARGE_INTEGER limits");
    }
}
