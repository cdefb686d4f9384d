// The README's two examples through the Java binding (bindings/java), with the
// typed protobuf-java classes (id.netra.v1) and with JSON text:
//   J=/usr/share/java
//   java -cp build/bindings/java/netra.jar:$J/jna.jar:$J/protobuf.jar:$J/protobuf-util.jar:$J/gson.jar:$J/guava.jar \
//        examples/java/EvaluateExamples.java examples
// The library: NETRA_LIBRARY=/path/to/libnetra.so, or libnetra.so.1 on the
// default library path. The requests are the JSON files of examples/, read into
// the typed classes with protobuf-java-util's JsonFormat; the last one is built
// with the classes' builders.
import id.netra.InvalidArgumentException;
import id.netra.Netra;
import id.netra.v1.Act;
import id.netra.v1.AgencyLevel;
import id.netra.v1.Determination;
import id.netra.v1.Employee;
import id.netra.v1.EmployeeKind;
import id.netra.v1.EvaluationRequest;
import id.netra.v1.Absence;
import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;

public class EvaluateExamples {
  public static void main(String[] args) throws Exception {
    Path examples = Path.of(args.length > 0 ? args[0] : "examples");
    // One engine for the application: creating it loads and validates the law.
    try (Netra netra = Netra.open()) {
      for (String file : new String[] {"absence_15_days_2025.json",
                                       "neutrality_teacher_likes_candidate_post_pilkada_2024.json"}) {
        String request = Files.readString(examples.resolve(file));
        Determination d;
        try {
          d = netra.evaluate(parse(request));
        } catch (InvalidArgumentException e) {
          System.err.println(file + ": " + e.getMessage());  // names the field and the value
          System.exit(1);
          return;
        }
        System.out.println("== " + file);
        System.out.println("Outcome: " + d.getOutcome());
        System.out.println("Level: " + d.getLevel());
        for (var act : d.getActsList()) {
          if (act.hasElectionStage()) {
            var e = act.getElectionStage();
            System.out.println("Election: " + e.getElection() + " " + e.getOffice() + " on the act date: " + e.getStage()
                + ", " + e.getCandidateStatus());
          }
        }
        if (d.hasHandling()) {
          System.out.println("Handled by: " + d.getHandling().getBody() + " (" + d.getHandling().getRuleId() + ")");
        }
        System.out.println("Allowed sanction types:");
        for (var s : d.getAllowedSanctionsList()) {
          System.out.println("  " + s.getCode() + "  " + s.getName()
              + (s.getDurationMonths() > 0 ? " (" + s.getDurationMonths() + " months)" : "")
              + (s.getSubstitutes().isEmpty() ? "" : " [substitutes " + s.getSubstitutes() + "]")
              + " SIASN jenisHukumanId " + s.getSiasnJenisHukumanId());
        }
        System.out.println("Competent officials:");
        for (var o : d.getCompetentOfficialsList()) {
          System.out.println("  " + o.getOfficial() + ": " + String.join(", ", o.getSanctionTypesList()) + " ("
              + o.getRuleId() + ")");
        }
        System.out.println("Examination team: " + d.getProcedure().getTeam());
        System.out.println("Why:");
        for (var act : d.getActsList()) {
          for (String line : act.getExplanationList()) {
            System.out.println("  - " + line);
          }
        }
      }

      // The first example again, built with the typed classes.
      EvaluationRequest typed = EvaluationRequest.newBuilder()
          .setEmployee(Employee.newBuilder().setKind(EmployeeKind.PNS)
              .setPosition(id.netra.v1.Position.newBuilder().setType(id.netra.v1.PositionType.PELAKSANA))
              .setAgency(id.netra.v1.Agency.newBuilder().setLevel(AgencyLevel.REGENCY_CITY)))
          .addActs(Act.newBuilder().setNorm("pp94.duty.attendance").setActDate("2025-06-30")
              .setAbsence(Absence.newBuilder().setCumulativeWorkingDays(15).setConsecutiveWorkingDays(4)))
          .setExaminationDate("2025-07-14")
          .build();
      System.out.println("== typed request: Level: " + netra.evaluate(typed).getLevel());
    }
  }

  /** A request in the JSON form of the files of examples/ to the typed class. */
  static EvaluationRequest parse(String json) throws Exception {
    EvaluationRequest.Builder b = EvaluationRequest.newBuilder();
    JsonFormat.parser().merge(json, b);
    return b.build();
  }
}
