from django.apps import AppConfig


class CommandsConfig(AppConfig):
    name = "styrkedja.commands"
    label = "commands"
    verbose_name = "Kommandon"
