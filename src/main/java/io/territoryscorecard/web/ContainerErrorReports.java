package io.territoryscorecard.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before they reach the application (an encoded '/' or '\', a null byte, a raw non-ASCII or
 * backslash character, an address or headers above the size limit) answer a problem detail instead of Tomcat's HTML
 * error report; browsers keep that plain page. Replaces the report Spring Boot installs (which already hides the
 * server and the stack trace), after Spring Boot's own customizer has run.
 */
@Component
class ContainerErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                Pipeline pipeline = host.getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                ProblemReport report = new ProblemReport();
                report.setShowReport(false);
                report.setShowServerInfo(false);
                pipeline.addValve(report);
                // otherwise the host adds its default report (with server information) at start
                host.setErrorReportValveClass(ProblemReport.class.getName());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report, as a problem detail for every client that does not ask for HTML. */
    static final class ProblemReport extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            String accept = request.getHeader("Accept");
            if (accept != null && accept.contains("text/html")) {
                super.report(request, response, throwable);
                return;
            }
            if (response.getStatus() < 400 || response.getContentWritten() > 0) {
                return;
            }
            String message = throwable != null ? throwable.getMessage() : response.getMessage();
            boolean tooLarge = message != null && message.contains("header is too large");
            // the request line itself did not fit when Tomcat has no address for the request
            int status = !tooLarge ? response.getStatus() : request.getRequestURI() == null ? 414 : 431;
            try {
                response.setStatus(status);
                String detail = detail(status, message);
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    ProblemWriter.write(writer, status, detail);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the answer is already under way: nothing more to tell it
            }
        }

        /** Tomcat's reasons, in words that say what to change; never the address or header itself. */
        private static String detail(int status, String message) {
            String reason = message == null ? "" : message;
            if (status == 414) {
                return "The address is longer than the server accepts: send long values in a request body.";
            }
            if (status == 431) {
                return "The request headers are larger than the server accepts: send fewer or shorter headers.";
            }
            if (reason.contains("encoded slash")) {
                return "The address contains an encoded '/' (%2F), which is not allowed: request the plain address.";
            }
            if (reason.startsWith("Invalid URI")) {
                return "The address contains an encoded character that is not allowed (such as %5C for '\\' or %00): "
                        + "request the plain address.";
            }
            if (reason.contains("Invalid character found in the request target")) {
                return "The address contains a character that must be percent-encoded (such as '\\', a space or a "
                        + "non-ASCII letter).";
            }
            return status == 400 ? "The request cannot be read: its address or headers are malformed."
                    : "The request cannot be handled.";
        }
    }
}
