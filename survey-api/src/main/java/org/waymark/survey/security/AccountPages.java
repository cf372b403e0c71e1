package org.waymark.survey.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.survey.web.ApiProblemException;

/**
 * Your account, as pages: change the password, set up or remove the second factor, make and revoke
 * personal access tokens. Each form that changes how you sign in asks for your password again.
 */
@Controller
class AccountPages {

    static final String ACCOUNT = "/workspace/account";
    private static final String ENROLMENT = AccountPages.class.getName() + ".ENROLMENT";

    private final AccountRepository accounts;
    private final Accounts accountService;
    private final StudyRoles roles;
    private final PersonalTokens tokens;
    private final SecondFactors factors;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final SignInThrottle throttle;

    AccountPages(
            AccountRepository accounts,
            Accounts accountService,
            StudyRoles roles,
            PersonalTokens tokens,
            SecondFactors factors,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            SignInThrottle throttle) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.roles = roles;
        this.tokens = tokens;
        this.factors = factors;
        this.passwords = passwords;
        this.policy = policy;
        this.throttle = throttle;
    }

    @GetMapping(ACCOUNT)
    String account(Principal me, @RequestParam(name = "done", required = false) String done, Model model) {
        model.addAttribute("notice", notice(done));
        return page(me, Map.of(), model);
    }

    @PostMapping(ACCOUNT + "/password")
    String changePassword(
            Principal me,
            @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!rightPassword(me.getName(), current, request)) {
            errors.put("current", "Enter your present password");
        } else {
            policy.problem(password, me.getName()).ifPresent(problem -> errors.put("password", problem));
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(me, errors, model);
        }
        accountService.changePassword(me.getName(), new Accounts.PasswordChange(current, password));
        request.changeSessionId();
        return "redirect:" + ACCOUNT + "?done=password";
    }

    @GetMapping(WorkspaceSessionFilter.ENROL)
    String enrolPage(Principal me, HttpSession session, Model model) {
        var account = accounts.findByUsername(me.getName()).orElseThrow();
        if (account.hasSecondFactor()) {
            return "redirect:" + ACCOUNT;
        }
        return enrolForm(me, session, Map.of(), model);
    }

    @PostMapping(WorkspaceSessionFilter.ENROL)
    String enrol(
            Principal me,
            @RequestParam(defaultValue = "") String code,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        if (!(session.getAttribute(ENROLMENT) instanceof SecondFactors.Enrolment enrolment)) {
            return "redirect:" + WorkspaceSessionFilter.ENROL;
        }
        if (accounts.findByUsername(me.getName()).orElseThrow().hasSecondFactor()) {
            // Set up meanwhile in another session: replacing it needs removing it first, with a code.
            session.removeAttribute(ENROLMENT);
            return "redirect:" + ACCOUNT;
        }
        if (!factors.confirm(me.getName(), enrolment, code)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return enrolForm(
                    me,
                    session,
                    Map.of(
                            "code",
                            code.isBlank()
                                    ? "Enter the 6-digit code your app shows"
                                    : "That code does not fit the key. Check the key in your app, then enter the"
                                            + " code it shows now"),
                    model);
        }
        session.removeAttribute(ENROLMENT);
        return "redirect:" + ACCOUNT + "?done=factor-added";
    }

    @PostMapping(WorkspaceSessionFilter.ENROL + "/remove")
    String removeFactor(
            Principal me,
            @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (accounts.findByUsername(me.getName())
                .filter(AccountRepository.Account::hasSecondFactor)
                .isEmpty()) {
            errors.put("remove-current", "Your account has no second factor to remove");
        } else if (!rightPassword(me.getName(), current, request)) {
            errors.put("remove-current", "Enter your present password");
        } else if (!factors.check(me.getName(), code)) {
            errors.put("remove-code", "Enter the code your app shows now; each code works once only");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(me, errors, model);
        }
        factors.remove(me.getName());
        return "redirect:" + ACCOUNT + "?done=factor-removed";
    }

    @PostMapping(ACCOUNT + "/tokens")
    String createToken(
            Principal me,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) List<String> studies,
            @RequestParam(defaultValue = "") String days,
            @RequestParam(required = false) String siteAdmin,
            HttpServletResponse response,
            Model model) {
        Integer expiresInDays = days.isBlank() ? null : parse(days);
        if (expiresInDays != null && expiresInDays < 0) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(me, Map.of("token-days", "Enter the number of days as a whole number, such as 30"), model);
        }
        try {
            model.addAttribute("created", tokens.create(me.getName(), name, studies, expiresInDays, siteAdmin != null));
        } catch (ApiProblemException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(me, tokenError(e.getMessage()), model);
        }
        response.setStatus(HttpStatus.CREATED.value());
        return page(me, Map.of(), model);
    }

    @PostMapping(ACCOUNT + "/tokens/{tokenId}/revoke")
    void revokeToken(Principal me, @PathVariable long tokenId, HttpServletResponse response) throws IOException {
        try {
            tokens.revoke(me.getName(), tokenId);
        } catch (ApiProblemException e) {
            // Someone else's token, or none: the error page says there is nothing here.
            response.sendError(HttpStatus.NOT_FOUND.value());
            return;
        }
        response.sendRedirect(ACCOUNT + "?done=token-revoked");
    }

    /** Checks the password again, counted like a sign-in: a borrowed session must not become a guessing tool. */
    private boolean rightPassword(String username, String password, HttpServletRequest request) {
        if (throttle.wait(username, request.getRemoteAddr()).isPresent()) {
            return false;
        }
        var account = accounts.findByUsername(username).orElseThrow();
        if (!password.isEmpty() && passwords.matches(password, account.passwordHash())) {
            return true;
        }
        throttle.failed(username, request.getRemoteAddr());
        return false;
    }

    private String page(Principal me, Map<String, String> errors, Model model) {
        var account = accounts.findByUsername(me.getName()).orElseThrow();
        model.addAttribute("username", me.getName());
        model.addAttribute("siteAdmin", account.siteAdmin());
        model.addAttribute("hasFactor", account.hasSecondFactor());
        model.addAttribute("factorRequired", factors.required(account));
        model.addAttribute("studies", roles.titledStudiesOf(me.getName()));
        model.addAttribute("tokens", tokens.list(me.getName()));
        model.addAttribute("maxDays", PersonalTokens.MAX_DAYS);
        model.addAttribute("defaultDays", PersonalTokens.DEFAULT_DAYS);
        model.addAttribute("errors", errors);
        return "workspace/account";
    }

    private String enrolForm(Principal me, HttpSession session, Map<String, String> errors, Model model) {
        SecondFactors.Enrolment enrolment;
        if (session.getAttribute(ENROLMENT) instanceof SecondFactors.Enrolment offered) {
            enrolment = offered;
        } else {
            enrolment = factors.newEnrolment(me.getName());
            session.setAttribute(ENROLMENT, enrolment);
        }
        var account = accounts.findByUsername(me.getName()).orElseThrow();
        model.addAttribute("username", me.getName());
        model.addAttribute("enrolment", enrolment);
        model.addAttribute("required", factors.required(account));
        model.addAttribute("errors", errors);
        return "workspace/second-factor";
    }

    private static Integer parse(String days) {
        try {
            return Integer.valueOf(days.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A refusal of the token form in the page's words, on the field it is about. */
    private static Map<String, String> tokenError(String detail) {
        if (detail.contains("'name'")) {
            return Map.of(
                    "token-name",
                    "Give the token a name of up to 100 characters, such as the script that will" + " use it");
        }
        if (detail.contains("expiresInDays")) {
            return Map.of("token-days", "Choose from 1 to " + PersonalTokens.MAX_DAYS + " days");
        }
        if (detail.contains("'studies'")) {
            return Map.of("token-studies", "Choose at least one study");
        }
        return Map.of("token-studies", detail);
    }

    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "password" -> "Your password has been changed.";
            case "factor-added" ->
                "Your second factor is set up. From now on you will be asked for a code when" + " you sign in.";
            case "factor-removed" -> "Your second factor has been removed.";
            case "token-revoked" -> "The token has been revoked. It no longer works.";
            default -> null;
        };
    }
}
