import io.github.daemoniker.DaemonOptions;
import io.github.daemoniker.Daemonized;
import io.github.daemoniker.Daemonizer;
import java.nio.file.Path;
import java.time.LocalTime;

public class QuickStart {
    public static void main(String[] argv) throws InterruptedException {
        DaemonOptions options = DaemonOptions.builder()
                .stdout(Path.of("app.log"))                      // relative: to the directory it starts in
                .stderr(Path.of("app.log"))
                .build();
        String greeting = null;
        Daemonized d;
        try (Daemonizer daemonizer = new Daemonizer()) {
            if (daemonizer.isSetup()) {
                greeting = argv.length > 0 ? argv[0] : "hello";  // the original process only, exactly once
            }
            d = daemonizer.daemonize(Path.of("app.pid"), options, greeting, 2);
            if (d.isParent()) {
                System.out.println("started, pid " + d.pid());  // the daemon is up
            }
        }
        // only the daemon gets here: the original process ended as it left the block
        greeting = d.arg(0, String.class);
        int seconds = d.arg(1, Integer.class);
        while (true) {
            System.out.printf("%tT %s%n", LocalTime.now(), greeting);   // HH:MM:SS, seconds even at :00
            Thread.sleep(seconds * 1000L);
        }
    }
}
