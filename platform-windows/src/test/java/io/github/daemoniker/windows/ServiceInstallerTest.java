package io.github.daemoniker.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** What the Service Control Manager's refusals become (Wine's user is an administrator: the one path its tests cannot take). */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "the last error is Windows' own")
class ServiceInstallerTest {

    @Test
    void accessDeniedSaysThatAnAdministratorIsNeededAndHowToBeOne() {
        Native.setLastError(Win32.ERROR_ACCESS_DENIED);
        assertEquals("the service heartbeat could not be installed, as only an administrator may do that: run the command"
                + " from an elevated prompt (\"Run as administrator\")",
                ServiceInstaller.failure("the service heartbeat could not be installed").getMessage());
    }

    @Test
    void anyOtherErrorIsSaidInTheSystemsOwnWordsWithItsNumber() {
        Native.setLastError(ServiceCalls.ERROR_SERVICE_MARKED_FOR_DELETE);
        String message = ServiceInstaller.failure("the service heartbeat could not be created").getMessage();
        assertTrue(message.startsWith("the service heartbeat could not be created: ")
                && message.endsWith("(Win32 error 1072)"), message);
    }
}
