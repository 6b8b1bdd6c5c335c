// EPUBCheck's command line run once per request in one JVM, so its schemas load once for many books.
//
// Each line on standard input holds one command line, its arguments separated by tabs, exactly as
// `java -jar epubcheck.jar` would take them; each answer on standard output is the exit status that
// command line would have had. Whatever EPUBCheck prints goes to standard error.

import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public final class EpubCheckBatch {
    private EpubCheckBatch() {}

    public static void main(String[] args) throws IOException {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            int status;
            try {
                // What com.adobe.epubcheck.tool.Checker.main does, without System.exit.
                status = new EpubChecker().run(line.split("\t", -1));
            } catch (RuntimeException | Error failure) {
                // The command line would have died with this trace; the next book still gets a fresh checker.
                failure.printStackTrace();
                status = -1;
            }
            answers.println(status);
        }
    }
}
