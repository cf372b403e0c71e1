package org.waymark.survey.security;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.survey.web.ApiProblemException;

/**
 * The site admin's page: the accounts, making a new one, and disabling or enabling one. The same
 * service as {@code /api/accounts}, so the rules (usernames, passwords, never disabling yourself) are
 * the API's.
 */
@Controller
class AdminPages {

    static final String ACCOUNTS = "/workspace/accounts";

    private final Accounts accounts;
    private final PasswordPolicy policy;

    AdminPages(Accounts accounts, PasswordPolicy policy) {
        this.accounts = accounts;
        this.policy = policy;
    }

    @GetMapping(ACCOUNTS)
    String list(Principal me, @RequestParam(name = "done", required = false) String done, Model model) {
        model.addAttribute("notice", done == null ? null : "Account '" + done + "' saved.");
        return page(me, "", false, Map.of(), model);
    }

    @PostMapping(ACCOUNTS)
    String create(
            Principal me,
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String siteAdmin,
            HttpServletResponse response,
            Model model) {
        String name = username.strip();
        try {
            accounts.create(new Accounts.NewAccount(name, password, siteAdmin != null), me.getName());
        } catch (ApiProblemException e) {
            String field = policy.problem(password, name).isPresent() ? "password" : "username";
            response.setStatus(e.status().value());
            return page(me, name, siteAdmin != null, Map.of(field, e.getMessage()), model);
        }
        return "redirect:" + ACCOUNTS + "?done=" + name;
    }

    @PostMapping(ACCOUNTS + "/{username}/disable")
    String disable(@PathVariable String username, Principal me, HttpServletResponse response, Model model) {
        return setEnabled(username, false, me, response, model);
    }

    @PostMapping(ACCOUNTS + "/{username}/enable")
    String enable(@PathVariable String username, Principal me, HttpServletResponse response, Model model) {
        return setEnabled(username, true, me, response, model);
    }

    private String setEnabled(
            String username, boolean enabled, Principal me, HttpServletResponse response, Model model) {
        try {
            accounts.setEnabled(username, enabled, me.getName());
        } catch (ApiProblemException e) {
            response.setStatus(e.status().value());
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put(
                    "accounts",
                    e.status() == HttpStatus.NOT_FOUND ? "There is no account '" + username + "'." : e.getMessage());
            return page(me, "", false, errors, model);
        }
        return "redirect:" + ACCOUNTS + "?done=" + username;
    }

    private String page(Principal me, String username, boolean siteAdmin, Map<String, String> errors, Model model) {
        model.addAttribute("username", me.getName());
        model.addAttribute("accounts", accounts.list());
        model.addAttribute("newUsername", username);
        model.addAttribute("newSiteAdmin", siteAdmin);
        model.addAttribute("errors", errors);
        return "workspace/accounts";
    }
}
