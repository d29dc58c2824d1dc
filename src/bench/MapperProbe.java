import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.ServiceFacts;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one facts file into the facts records in a fresh JVM, either with nixpolicy's own
 * loader (SnakeYAML's node tree and the hand-written RecordMapper, with locations) or with
 * Jackson databind, so that bench.py can time the two as whole processes, taking turns.
 * Usage: java -cp CLASSPATH MapperProbe.java hand|databind FACTS.yaml
 */
public class MapperProbe {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        ServiceFacts facts;
        if (args[0].equals("databind")) {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .registerModule(new Jdk8Module());
            facts = yaml.readValue(Files.readString(file), ServiceFacts.class);
        } else {
            facts = new FactsLoader().loadService(file);
        }
        System.out.println(facts.service().value());
    }
}
