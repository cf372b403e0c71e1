package org.waymark.survey.security;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.waymark.survey.web.ApiProblemException;

/**
 * Who holds which role in a study, for its owners and the site admin: give someone a role, change it,
 * or take it away. The same service as {@code /api/studies/{id}/roles}, so a study always keeps an owner.
 */
@Controller
class PeoplePages {

    private static final String PEOPLE = "/workspace/studies/{id}/people";

    private final Accounts accounts;
    private final AccountRepository accountRepository;
    private final StudyNavigation navigation;

    PeoplePages(Accounts accounts, AccountRepository accountRepository, StudyNavigation navigation) {
        this.accounts = accounts;
        this.accountRepository = accountRepository;
        this.navigation = navigation;
    }

    @GetMapping(PEOPLE)
    String people(
            @PathVariable String id,
            @RequestParam(name = "done", required = false) String done,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("notice", done == null ? null : "Roles saved.");
        return page(id, me, "", Map.of(), model, response);
    }

    @PostMapping(PEOPLE)
    String grant(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String member,
            @RequestParam(defaultValue = "") String role,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        String name = member.strip();
        String problem = null;
        String field = "member";
        if (name.isEmpty()) {
            problem = "Enter the username of the person to give a role";
        } else if (accountRepository.findByUsername(name).isEmpty()) {
            problem = "There is no account named '" + name + "'. The site admin makes accounts.";
        } else if (StudyRole.fromId(role).isEmpty()) {
            problem = "Choose a role";
            field = "role";
        }
        if (problem == null) {
            try {
                accounts.grant(id, name, role, me.getName());
                return "redirect:/workspace/studies/" + id + "/people?done";
            } catch (ApiProblemException e) {
                problem = e.getMessage();
                response.setStatus(e.status().value());
            }
        } else {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return page(id, me, name, Map.of(field, problem), model, response);
    }

    @PostMapping(PEOPLE + "/{member}/remove")
    String remove(
            @PathVariable String id,
            @PathVariable String member,
            Authentication me,
            Model model,
            HttpServletResponse response) {
        try {
            accounts.revoke(id, member, me.getName());
        } catch (ApiProblemException e) {
            response.setStatus(e.status().value());
            return page(id, me, "", Map.of("members", e.getMessage()), model, response);
        }
        return "redirect:/workspace/studies/" + id + "/people?done";
    }

    private String page(
            String id,
            Authentication me,
            String member,
            Map<String, String> errors,
            Model model,
            HttpServletResponse response) {
        StudyHeader study = navigation.header(me, id, "/people").orElse(null);
        if (study == null) {
            return StudyNavigation.noSuchStudy(id, model, response);
        }
        model.addAttribute("username", me.getName());
        model.addAttribute("study", study);
        model.addAttribute("members", accounts.members(id));
        model.addAttribute("roles", roles());
        model.addAttribute("member", member);
        model.addAttribute("errors", errors);
        return "workspace/people";
    }

    private static List<String> roles() {
        return Arrays.stream(StudyRole.values()).map(StudyRole::id).toList();
    }
}
