from portal.pages.models import Feedback


def feedback_create(*, rating: str, message: str, page: str, language: str) -> Feedback:
    return Feedback.objects.create(rating=rating, message=message.strip(), page=page[:200], language=language)
