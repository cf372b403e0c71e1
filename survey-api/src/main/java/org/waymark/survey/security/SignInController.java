package org.waymark.survey.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in pages: username and password, then the code from the authenticator app if the account
 * has a second factor; and signing out. Plain forms that work without JavaScript, each with its CSRF
 * token. A form sent with a problem comes back with a summary of what to fix, linked to the field.
 */
@Controller
class SignInController {

    static final String SIGN_IN = "/sign-in";
    static final String CODE = "/sign-in/code";

    private final FormSignIn signIn;

    SignInController(FormSignIn signIn) {
        this.signIn = signIn;
    }

    @GetMapping(SIGN_IN)
    String signInPage(
            @RequestParam(required = false) String ended,
            @RequestParam(name = "signed-out", required = false) String signedOut,
            Authentication authentication,
            Model model) {
        if (authentication instanceof UsernamePasswordAuthenticationToken) {
            return "redirect:/workspace";
        }
        if (ended != null) {
            model.addAttribute("notice", "Your session ended, so you were signed out. Please sign in again.");
        } else if (signedOut != null) {
            model.addAttribute("notice", "You have signed out.");
        }
        return signInForm("", Map.of(), model);
    }

    @PostMapping(SIGN_IN)
    String signIn(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        String name = username.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isEmpty()) {
            errors.put("username", "Enter your username");
        }
        if (password.isEmpty()) {
            errors.put("password", "Enter your password");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return signInForm(name, errors, model);
        }
        FormSignIn.Outcome outcome = signIn.password(name, password, request, response);
        if (outcome instanceof FormSignIn.Outcome.SignedIn) {
            return "redirect:/workspace";
        }
        if (outcome instanceof FormSignIn.Outcome.CodeNeeded) {
            return "redirect:" + CODE;
        }
        if (outcome instanceof FormSignIn.Outcome.Wait wait) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.seconds()));
            return signInForm(name, Map.of("username", tooMany(wait.seconds())), model);
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        // Never which of the two was wrong: that would tell a guesser which usernames exist.
        return signInForm(name, Map.of("username", "The username or the password is not right"), model);
    }

    @GetMapping(CODE)
    String codePage(HttpServletRequest request, Model model) {
        if (!signIn.codePending(request)) {
            return "redirect:" + SIGN_IN;
        }
        model.addAttribute("errors", Map.of());
        return "workspace/sign-in-code";
    }

    @PostMapping(CODE)
    String code(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (!signIn.codePending(request)) {
            return "redirect:" + SIGN_IN + "?ended";
        }
        if (code.isBlank()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", Map.of("code", "Enter the 6-digit code from your authenticator app"));
            return "workspace/sign-in-code";
        }
        FormSignIn.Outcome outcome = signIn.code(code, request, response);
        if (outcome instanceof FormSignIn.Outcome.SignedIn) {
            return "redirect:/workspace";
        }
        if (outcome instanceof FormSignIn.Outcome.StartAgain) {
            return "redirect:" + SIGN_IN + "?ended";
        }
        if (outcome instanceof FormSignIn.Outcome.Wait wait) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.seconds()));
            model.addAttribute("errors", Map.of("code", tooMany(wait.seconds())));
            return "workspace/sign-in-code";
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute(
                "errors",
                Map.of("code", "That code is not right, or was used already. Enter the code your app shows now"));
        return "workspace/sign-in-code";
    }

    @PostMapping("/sign-out")
    String signOut(HttpServletRequest request) {
        signIn.signOut(request);
        return "redirect:" + SIGN_IN + "?signed-out";
    }

    private static String signInForm(String username, Map<String, String> errors, Model model) {
        model.addAttribute("username", username);
        model.addAttribute("errors", errors);
        return "workspace/sign-in";
    }

    private static String tooMany(long seconds) {
        return "There have been too many failed sign-ins. Wait " + seconds + " seconds, then try again";
    }
}
