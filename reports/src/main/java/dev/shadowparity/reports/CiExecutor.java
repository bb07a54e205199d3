package dev.shadowparity.reports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;

/**
 * Allure's {@code executor.json}: which CI build produced the results, read from the standard variables of
 * GitHub Actions, GitLab CI, Jenkins and Buildkite; {@code null} outside CI. {@code buildOrder} orders the
 * trend graph across runs.
 */
final class CiExecutor {

    private CiExecutor() {}

    static ObjectNode detect(UnaryOperator<String> env) {
        if ("true".equals(env.apply("GITHUB_ACTIONS"))) {
            String repo = env.apply("GITHUB_SERVER_URL") + "/" + env.apply("GITHUB_REPOSITORY");
            return executor("GitHub Actions", "github", repo, env.apply("GITHUB_WORKFLOW") + " #" + env.apply("GITHUB_RUN_NUMBER"),
                    repo + "/actions/runs/" + env.apply("GITHUB_RUN_ID"), env.apply("GITHUB_RUN_NUMBER"));
        }
        if (env.apply("GITLAB_CI") != null) {
            return executor("GitLab CI", "gitlab", env.apply("CI_PROJECT_URL"),
                    env.apply("CI_JOB_NAME") + " #" + env.apply("CI_PIPELINE_IID"), env.apply("CI_JOB_URL"),
                    env.apply("CI_PIPELINE_IID"));
        }
        if (env.apply("JENKINS_URL") != null) {
            return executor("Jenkins", "jenkins", env.apply("JENKINS_URL"),
                    env.apply("JOB_NAME") + " #" + env.apply("BUILD_NUMBER"), env.apply("BUILD_URL"), env.apply("BUILD_NUMBER"));
        }
        if (env.apply("BUILDKITE") != null) {
            return executor("Buildkite", "buildkite", env.apply("BUILDKITE_PIPELINE_SLUG"),
                    env.apply("BUILDKITE_PIPELINE_SLUG") + " #" + env.apply("BUILDKITE_BUILD_NUMBER"),
                    env.apply("BUILDKITE_BUILD_URL"), env.apply("BUILDKITE_BUILD_NUMBER"));
        }
        if (env.apply("CI") != null) {
            return executor("CI", "ci", null, null, null, null);
        }
        return null;
    }

    private static ObjectNode executor(String name, String type, String url, String buildName, String buildUrl,
                                       String buildOrder) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", name);
        o.put("type", type);
        if (url != null) {
            o.put("url", url);
        }
        if (buildName != null) {
            o.put("buildName", buildName);
        }
        if (buildUrl != null) {
            o.put("buildUrl", buildUrl);
            o.put("reportUrl", buildUrl);
        }
        if (buildOrder != null && buildOrder.matches("\\d+")) {
            o.put("buildOrder", Long.parseLong(buildOrder));
        }
        return o;
    }
}
