"""Sign-in, sign-out, password change and reset (Django's views, DSFR forms) and magic links.

The auth names are not namespaced ("login", "logout", "password_reset"…): Django and the base
template expect them so.
"""
from django.contrib.auth import views as auth
from django.urls import include, path

from cpro_platform.securite.vues import ReinitialisationLimitee

from . import forms, views

auth_patterns = [
    path("connexion/", auth.LoginView.as_view(authentication_form=forms.LoginForm,
                                              redirect_authenticated_user=True), name="login"),
    path("deconnexion/", auth.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/", auth.PasswordChangeView.as_view(form_class=forms.PasswordChangeForm),
         name="password_change"),
    path("mot-de-passe/modifie/", auth.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("mot-de-passe/oublie/", ReinitialisationLimitee.as_view(
        form_class=forms.PasswordResetForm), name="password_reset"),
    path("mot-de-passe/oublie/envoye/", auth.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("mot-de-passe/reinitialiser/<uidb64>/<token>/", auth.PasswordResetConfirmView.as_view(
        form_class=forms.SetPasswordForm), name="password_reset_confirm"),
    path("mot-de-passe/reinitialise/", auth.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]

comptes_patterns = ([
    path("lien/<int:pk>/", views.lien_magique, name="lien"),
    path("mon-compte/", views.mon_compte, name="mon_compte"),
], "comptes")

urlpatterns = [
    *auth_patterns,
    path("", include(comptes_patterns)),
]
