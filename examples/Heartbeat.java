import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.DaemonizeException;
import io.github.daemoniker.Daemonized;
import io.github.daemoniker.Daemonizer;
import io.github.daemoniker.Signal;
import io.github.daemoniker.SignalHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo daemon, and the canonical way to use Daemoniker: it writes a heartbeat to its log
 * every two seconds, reloads on SIGHUP, and stops cleanly on SIGTERM.
 *
 * <pre>java -cp daemoniker-cli.jar examples/Heartbeat.java [RUN_DIRECTORY]</pre>
 */
public class Heartbeat {

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args.length > 0 ? args[0] : "demo-run").toAbsolutePath();
        Path pidFile = run.resolve("heartbeat.pid");
        Path log = run.resolve("heartbeat.log");
        DaemonOptions options = DaemonOptions.builder().stdout(log).stderr(log).build();

        try (Daemonizer daemonizer = new Daemonizer()) {
            if (daemonizer.isSetup()) {
                Files.createDirectories(run);                 // runs once, in the original process
            }
            Daemonized daemon = daemonizer.daemonize(pidFile, options, "every 2 s");
            if (daemon.isParent()) {                          // the daemon is up: say where it is
                System.out.println("Heartbeat daemon started, pid " + daemon.pid());
                System.out.println("  pid file: " + pidFile);
                System.out.println("  log:      " + log);
                System.out.println("  status:   ./daemoniker status --pid-file " + pidFile);
                System.out.println("  reload:   ./daemoniker send --pid-file " + pidFile + " HUP");
                System.out.println("  stop:     ./daemoniker stop --pid-file " + pidFile);
            }
        } catch (DaemonizeException e) {                      // in the original process: say why, in one line
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
        // only the daemon gets here; its stdout is the log
        CountDownLatch stop = new CountDownLatch(1);
        SignalHandler signals = new SignalHandler(pidFile);
        signals.on(Signal.SIGHUP, signal -> say("reloaded on SIGHUP"));
        signals.onSigterm(signal -> {
            say("stopping on SIGTERM");
            stop.countDown();
        });
        signals.start();
        say("started");
        while (!stop.await(2, TimeUnit.SECONDS)) {
            say("heartbeat");
        }
        say("stopped");                                       // the pid file goes as the JVM exits
    }

    private static void say(String what) {
        System.out.printf("%tT %s%n", LocalTime.now(), what);
    }
}
