"""An account deleted anywhere (« Supprimer mon compte », or by a curator in the admin) takes
its claims and invitations with it; its memberships go by the database's cascade."""

from django.db.models.signals import pre_delete

from members.models import Claim, Invitation


def forget_account(sender, instance, **kwargs):
    if instance.email:
        Claim.objects.filter(email__iexact=instance.email).delete()
        Invitation.objects.filter(email__iexact=instance.email).delete()


def connect():
    from django.contrib.auth import get_user_model

    pre_delete.connect(forget_account, sender=get_user_model(), dispatch_uid="members.forget")
