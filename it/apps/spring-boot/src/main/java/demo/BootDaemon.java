package demo;

import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.Daemonized;
import io.github.daemoniker.Daemonizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar boot-daemon.jar PIDFILE REPORT LOG [deny]}: daemonizes first thing, with a record argument that
 * crosses the hand-off under Spring Boot's class loader, then starts its Spring context in the
 * daemon and reports what it got.
 */
@SpringBootApplication
public class BootDaemon {

    /** A value of the application's own, loaded by Spring Boot's LaunchedClassLoader. */
    public record Endpoint(String host, int port) {
    }

    public static void main(String[] args) throws Exception {
        DaemonOptions options = DaemonOptions.builder().stdout(Path.of(args[2])).stderr(Path.of(args[2])).build();
        Object[] handed;
        try (Daemonizer daemonizer = new Daemonizer()) {
            Daemonized daemonized = daemonizer.daemonize(Path.of(args[0]), options, new Endpoint("localhost", 8080));
            handed = daemonized.args();
        }
        ConfigurableApplicationContext context = SpringApplication.run(BootDaemon.class);
        Files.writeString(Path.of(args[1]), "pid=" + ProcessHandle.current().pid() + "\narg0=" + handed[0]
                + "\nloader=" + handed[0].getClass().getClassLoader().getClass().getName()
                + "\ncontext=" + context.isActive() + "\n");
        new CountDownLatch(1).await();
    }
}
